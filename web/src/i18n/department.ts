export const deptText = {
  menu: { tasks: '我的任务' },
  tasks: {
    title: '我的任务', plan: '工作要点', asLead: '牵头', asCooperating: '配合', role: '角色', light: '状态灯', all: '全部',
    colNumber: '序号', colTitle: '工作任务', colLead: '牵头单位', colDue: '完成时限', colPercent: '进度', colStatus: '状态', colLight: '灯',
    lastReported: '最近填报', ledger: '下载本单位台账', noPlan: '暂无工作要点', open: '办理', total: (n: number) => `共 ${n} 项`,
  },
  detail: {
    back: '返回我的任务', info: '任务信息', lead: '牵头单位', cooperating: '配合单位', due: '完成时限', originalDue: '原定时限',
    deliverable: '成果形式', status: '状态', percent: '当前进度', pendingExtension: '延期申请审核中', none: '无',
    progressList: '进展记录', noProgress: '尚未填报进展', official: '牵头单位填报', cooperatingReport: '配合单位填报',
    figures: '数据', evidence: '佐证材料',
    progressForm: '填报进展', percentLabel: '完成进度 (%)', narrative: '进展情况', narrativeHint: '已开展的工作、取得的成效、存在的问题',
    figureIndicator: '指标', figureValue: '数值', figureUnit: '单位', addFigure: '添加数据', removeFigure: '删除',
    evidenceLabel: '佐证材料（文号、链接或文件名，每行一项）', submitProgress: '提交进展', progressSaved: '进展已提交',
    extension: '申请延期', requestedDue: '申请延至', reason: '延期理由', submitExtension: '提交延期申请', extensionSaved: '延期申请已提交',
    extensions: '延期申请', completion: '申请办结', summary: '办结情况', submitCompletion: '提交办结申请', completionSaved: '办结申请已提交',
    completions: '办结申请', notices: '督办通知', respondBy: '回复期限', response: '回复内容', submitResponse: '提交回复',
    responseSaved: '已回复', responded: '已回复', noNotices: '暂无督办通知',
    reviewStatus: { pending: '待审核', approved: '已通过', returned: '已退回' } as Record<string, string>,
    completed: '该任务已办结', required: '请填写此项', datePattern: '请按 YYYY-MM-DD 填写',
  },
};
