// Text shared by every area. All Chinese text of the pages lives in web/src/i18n/<area>.ts.
export const common = {
  appName: '督办台账',
  loading: '加载中…',
  notFound: '页面不存在',
  backHome: '返回首页',
  roles: { admin: '法制办', department: '责任单位', leader: '领导' } as Record<string, string>,
  menu: { notifications: '消息中心', password: '修改密码', logout: '退出登录' },
  unreadBadge: (n: number) => `${n} 条未读消息`,
  staleTitle: '该任务已被他人修改',
  staleBody: '该任务已被他人修改，请重新加载最新内容后再提交。您填写的内容已保留。',
  staleReload: '重新加载',
  errorTitle: '操作未成功',
  forbidden: '您没有权限访问该页面',
  retry: '重试',
  save: '保存',
  submit: '提交',
  cancel: '取消',
  confirm: '确定',
  back: '返回',
  empty: '暂无数据',
  download: '下载',
  downloadFailed: '下载失败',
  saved: '已保存',
  submitted: '已提交',
  lights: { green: '绿灯', yellow: '黄灯', red: '红灯' } as Record<string, string>,
  lightHint: { green: '正常推进', yellow: '临期或进度滞后', red: '已逾期' } as Record<string, string>,
  status: {
    in_progress: '办理中', completion_requested: '待办结审核', completed: '已办结', cancelled: '已取消',
  } as Record<string, string>,
  percent: (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n}%`),
  /** Rates come from the API as 0..1: shown, never recomputed. */
  rate: (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`),
};

export const notificationsText = {
  title: '消息中心',
  onlyUnread: '只看未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  openTask: '查看任务',
  read: '已读',
  unread: '未读',
  empty: '暂无消息',
  more: '加载更多',
  kinds: { before_due: '临期提醒', due: '到期提醒', overdue: '逾期提醒', quarterly: '季度填报提醒', supervision: '督办通知' } as Record<string, string>,
};

export const passwordText = {
  title: '修改密码',
  current: '当前密码',
  next: '新密码',
  confirm: '确认新密码',
  hint: '至少 8 位。修改后需重新登录。',
  mismatch: '两次输入的新密码不一致',
  required: '请填写此项',
  tooShort: '新密码至少 8 位',
  submit: '确认修改',
};
