import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UploadsModule } from '../uploads/uploads.module';
import { PlansController } from './plans.controller';
import { LedgerChanges } from './ledger-changes';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  imports: [DepartmentsModule, UploadsModule],
  controllers: [PlansController],
  providers: [PlansService, PlansRepository, LedgerChanges],
  exports: [PlansService, PlansRepository, LedgerChanges],
})
export class PlansModule {}
