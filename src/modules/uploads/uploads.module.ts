import { Module } from '@nestjs/common';
import { UploadParser } from './upload-parser.service';

/** Parsing of uploaded files off the event loop (worker threads), shared by plans and tasks. */
@Module({ providers: [UploadParser], exports: [UploadParser] })
export class UploadsModule {}
