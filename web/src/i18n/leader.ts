export const leaderText = {
  menu: { dashboard: '总览', rollups: '季度汇总' },
  plan: '工作要点', noPlan: '暂无工作要点',
  dash: {
    title: '督办总览', completionRate: '完成率', onTimeRate: '按时完成率', total: '任务总数', completed: '已办结', overdue: '逾期',
    averageProgress: '平均进度', lightsByChapter: '各章节红黄绿灯', lightsByDepartment: '各单位红黄绿灯', overall: '总体状态灯',
    ranking: '单位排名（按时完成率）', rank: '名次', department: '单位', overdueList: '逾期任务', daysOverdue: '逾期天数',
    item: '序号', task: '任务', due: '完成时限', percent: '进度', trend: '季度趋势', reportDue: (d: string, n: number) => `年度报告 ${d} 前报送，还剩 ${n} 天`,
    report: '下载年度报告', reportMd: '下载年度报告 (Markdown)', asOf: (d: string) => `统计截至 ${d}`, below: '低于阈值',
    openChapter: '查看任务',
    lightCounts: (c: { green: number; yellow: number; red: number }) => `绿灯 ${c.green}，黄灯 ${c.yellow}，红灯 ${c.red}`,
    listSeparator: '；', noOverdue: '暂无逾期任务', calendarWarning: '工作日历提示',
  },
  chapter: { title: '章节任务', back: '返回总览', open: '进展', all: '全部任务' },
  timeline: {
    title: '任务进展', back: '返回', progress: '进展记录', notices: '督办通知', reviews: '审核记录', audit: '操作记录',
    extension: '延期申请', completion: '办结申请',
  },
  rollup: {
    title: '季度汇总', quarter: '季度', closed: '已封存', live: '实时', closedAt: (d: string) => `封存于 ${d}`,
    byChapter: '分章节', byDepartment: '分单位', figures: '数据汇总', indicator: '指标', value: '数值',
    notices: '督办', issued: '督办发出', responded: '已回复', responseRate: '回复率', completedInQuarter: '本季度办结',
    due: '应完成', inProgress: '办理中',
  },
};
