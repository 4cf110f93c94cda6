// The one multipart reader: one file under a size limit checked while it streams in (the upload is
// refused before anything parses it), plus a few text fields, each named in the Chinese errors.
import type { FastifyRequest } from 'fastify';
import { InvalidInput } from '../errors/domain-error';

export interface MultipartUpload {
  file: { buffer: Buffer; filename?: string };
  /** Text fields as sent (strings); validate them with a DTO. */
  fields: Record<string, string>;
}

export async function readMultipartUpload(
  req: FastifyRequest,
  options: { maxBytes: number; fields: readonly string[]; what: string },
): Promise<MultipartUpload> {
  if (!req.isMultipart()) throw new InvalidInput(`file: 请以 multipart/form-data 上传${options.what}`);
  const fields: Record<string, string> = {};
  let file: MultipartUpload['file'] | undefined;
  const mb = Math.round(options.maxBytes / 1024 / 1024);
  try {
    const parts = req.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: options.fields.length, parts: options.fields.length + 1 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new InvalidInput(`${part.fieldname}: 文件字段名应为 file`);
        file = { buffer: await part.toBuffer(), filename: part.filename };
      } else {
        if (!options.fields.includes(part.fieldname)) throw new InvalidInput(`${part.fieldname}: 不允许的字段`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof InvalidInput) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new InvalidInput(`file: 文件超过 ${mb} MB 上限`);
    if (code === 'FST_FILES_LIMIT') throw new InvalidInput('file: 一次只能上传一个文件');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new InvalidInput(`body: 表单字段过多（只接受 file${options.fields.map((f) => '、' + f).join('')}）`);
    throw new InvalidInput(`file: 无法读取上传内容 (${code ?? 'multipart'})`);
  }
  if (!file) throw new InvalidInput('file: 缺少上传文件');
  return { file, fields };
}
