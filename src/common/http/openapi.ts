// Completes the generated OpenAPI document where decorators say nothing: a Chinese summary for every
// operation (an @ApiOperation summary on the route wins), the error responses every route can give
// (one ErrorBody schema, with requestId), the multipart bodies of the uploads and the binary
// downloads, and the success body of every JSON route from the schemas generated from the server's
// own types (api-responses.ts → openapi-schemas.generated.ts). A route added without a summary here
// or on itself, or without its entry in ApiResponses, fails the OpenAPI test.
import type { OpenAPIObject } from '@nestjs/swagger';
import { GENERATED_SCHEMAS } from './openapi-schemas.generated';

const SUMMARIES: Record<string, string> = {
  'POST /api/auth/login': '登录，取得访问令牌',
  'GET /api/auth/me': '当前登录用户',
  'POST /api/auth/password': '修改本人密码',
  'GET /api/users': '用户列表（管理员）',
  'POST /api/users': '新建用户（管理员）',
  'PATCH /api/users/{id}': '修改用户：角色、单位、停用、重置密码（管理员）',
  'GET /api/departments': '单位名录（含别名）',
  'POST /api/departments': '新建单位（管理员）',
  'GET /api/departments/{id}': '查看单位',
  'PATCH /api/departments/{id}': '修改单位：名称、别名、群机器人（管理员）',
  'POST /api/plans/import': '导入工作要点（JSON 文本或上传 .txt/.md/.docx；dryRun 只解析不保存）',
  'GET /api/plans': '工作要点（计划）列表',
  'GET /api/plans/{id}': '查看计划及其章节、要点',
  'PUT /api/plans/{id}/document': '用更正后的文档替换计划内容（计划尚无任务时）',
  'POST /api/plans/{planId}/tasks': '分解任务：按要点分配牵头和配合单位（可批量）',
  'POST /api/plans/{planId}/assignments/import': '上传任务分工表（.xlsx）批量分解任务',
  'GET /api/plans/{planId}/assignment-draft': '按文档中的建议生成分工草稿（待确认）',
  'GET /api/plans/{planId}/ledger.xlsx': '导出推进台账（.xlsx）',
  'GET /api/plans/{planId}/supervision-notices': '计划下的督办通知',
  'GET /api/tasks': '任务列表（按计划、单位、红黄绿灯等筛选，分页）',
  'GET /api/tasks/{id}': '查看任务',
  'PATCH /api/tasks/{id}': '修改任务（管理员）',
  'POST /api/tasks/{id}/progress': '填报进展',
  'GET /api/tasks/{id}/progress': '任务的进展记录（推进台账）',
  'POST /api/tasks/{id}/extension-requests': '申请延期',
  'GET /api/tasks/{id}/extension-requests': '任务的延期申请',
  'POST /api/extension-requests/{id}/approve': '批准延期（管理员）',
  'POST /api/extension-requests/{id}/return': '退回延期申请（管理员）',
  'POST /api/tasks/{id}/completion-request': '申请办结',
  'POST /api/tasks/{id}/cancel': '撤销任务（法制办，需说明理由）',
  'POST /api/tasks/{id}/acknowledge': '签收任务（牵头或配合单位）',
  'GET /api/tasks/{id}/completion-requests': '任务的办结申请',
  'POST /api/tasks/{id}/completion/approve': '批准办结（管理员）',
  'POST /api/tasks/{id}/completion/return': '退回办结申请（管理员）',
  'POST /api/tasks/{id}/supervision-notices': '发出督办通知（管理员）',
  'GET /api/tasks/{id}/supervision-notices': '任务的督办通知',
  'POST /api/supervision-notices/{id}/response': '回复督办通知',
  'GET /api/tasks/{id}/audit': '任务的操作记录',
  'GET /api/calendar/{year}': '查看某年的工作日安排',
  'PUT /api/calendar/{year}': '录入某年的法定节假日和调休（管理员）',
  'GET /api/tasks/{id}/reminders': '任务的提醒（计划中、已排队、已发送）',
  'GET /api/plans/{id}/reminder-policy': '查看计划的提醒设置',
  'PUT /api/plans/{id}/reminder-policy': '修改计划的提醒设置（管理员）',
  'GET /api/me/notifications': '我的站内通知',
  'POST /api/me/notifications/{id}/read': '标记通知为已读',
  'POST /api/me/notifications/read-all': '全部标记为已读',
  'GET /api/plans/{id}/rollups/{quarter}': '季度（或全年）汇总',
  'POST /api/plans/{id}/rollups/{quarter}/close': '关账：冻结季度汇总（管理员）',
  'GET /api/plans/{id}/dashboard': '领导驾驶舱（总数、各章节，各清单前 N 条）',
  'GET /api/plans/{id}/dashboard/departments': '驾驶舱：全部牵头单位的红黄绿灯和排名（分页）',
  'GET /api/plans/{id}/dashboard/overdue': '驾驶舱：全部逾期任务（分页，可按章节、单位筛选）',
  'GET /api/plans/{id}/report': '年终报告草稿（markdown 或 docx）',
  'GET /api/plans/{id}/indicators': '计划的指标',
  'POST /api/plans/{id}/indicators': '新建指标（管理员）',
  'PATCH /api/indicators/{id}': '修改指标（管理员）',
  'POST /api/progress/{id}/correction': '更正一条进展（保留原记录）',
  'POST /api/progress/{id}/withdraw': '撤回一条进展',
  'GET /api/plans/{id}/periods': '计划的填报期次',
};

const ERROR_TEXT: Record<number, string> = {
  400: '请求无效：message 指明字段或行',
  401: '未登录或登录已失效',
  403: '无权执行此操作（角色或所属单位）',
  404: '对象不存在',
  409: '与当前数据冲突（版本过期、重复、状态不允许）',
  413: '请求体或文件过大',
  429: '请求过于频繁',
  500: '服务器内部错误：message 之外请引用 requestId',
};

const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/health', 'GET /api/health/live', 'GET /api/health/ready']);

const BINARY = { type: 'string', format: 'binary' };
const DOWNLOADS: Record<string, Record<string, { schema: object }>> = {
  'GET /api/plans/{planId}/ledger.xlsx': { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: BINARY } },
  'GET /api/plans/{id}/report': {
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: BINARY },
    'text/markdown': { schema: { type: 'string' } },
  },
};

const UPLOAD = (fields: Record<string, object>, required: string[]) => ({
  'multipart/form-data': { schema: { type: 'object', required, properties: { file: { ...BINARY, description: '上传的文件（一个）' }, ...fields } } },
});
const UPLOADS: Record<string, Record<string, { schema: object }>> = {
  'POST /api/plans/import': UPLOAD({ dryRun: { type: 'boolean', description: 'true：只解析不保存' } }, ['file']),
  'PUT /api/plans/{id}/document': UPLOAD({}, ['file']),
  'POST /api/plans/{planId}/assignments/import': UPLOAD({ mode: { type: 'string', enum: ['append', 'replace'] } }, ['file']),
};

type Operation = {
  summary?: string;
  parameters?: unknown[];
  requestBody?: { content?: Record<string, unknown>; required?: boolean };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
};

export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'error', 'message', 'requestId'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      error: { type: 'string', example: 'Bad Request' },
      message: { type: 'string', example: 'dueDate: 日期格式应为 YYYY-MM-DD', description: '中文说明，以字段名或行号开头' },
      requestId: { type: 'string', description: '本次请求的编号，与日志中的 reqId 相同' },
      details: { description: '部分错误附带的明细（如冲突的行）' },
    },
  };
  for (const [name, schema] of Object.entries(GENERATED_SCHEMAS.components)) {
    const existing = document.components.schemas[name];
    // A decorated class of the same name would silently swap one shape for the other.
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) throw new Error(`OpenAPI: schema ${name} is both generated and declared by decorators`);
    document.components.schemas[name] = schema;
  }
  const error = { $ref: '#/components/schemas/ErrorBody' };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const op = raw as Operation;
      const key = `${method.toUpperCase()} ${path}`;
      op.summary ||= SUMMARIES[key];
      const upload = UPLOADS[key];
      if (upload) op.requestBody = { required: true, content: { ...(op.requestBody?.content ?? {}), ...upload } };
      const download = DOWNLOADS[key];
      if (download) {
        const ok = Object.keys(op.responses).find((c) => c.startsWith('2')) ?? '200';
        op.responses[ok] = { description: op.responses[ok]?.description ?? '文件', content: download };
      }
      const body = GENERATED_SCHEMAS.responses[key];
      const ok = Object.keys(op.responses).find((c) => c.startsWith('2'));
      // Decorators (@ApiResponse with a type) win: they describe the route more closely.
      if (body && ok && ok !== '204' && !op.responses[ok].content) {
        op.responses[ok] = { description: op.responses[ok].description || '成功', content: { 'application/json': { schema: body } } };
      }
      if (path === '/metrics' || path.startsWith('/api/health')) continue;
      const codes = new Set<number>([500]);
      if (op.parameters?.length || op.requestBody) codes.add(400);
      if (!PUBLIC.has(key)) codes.add(401).add(403);
      if (path.includes('{')) codes.add(404);
      if (['post', 'put', 'patch'].includes(method)) codes.add(409);
      if (op.requestBody) codes.add(413);
      if (key === 'POST /api/auth/login') codes.add(429);
      for (const code of codes) {
        op.responses[String(code)] ??= { description: ERROR_TEXT[code], content: { 'application/json': { schema: error } } };
      }
    }
  }
  return document;
}
