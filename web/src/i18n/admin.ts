// Text of the legal office (admin) pages. web2 adds to this file.
export const adminText = {
  menu: { home: '待办', editTask: '调整任务' },
  home: { title: '法制办工作台', plans: '工作要点', noPlans: '尚未导入工作要点' },
  editTask: {
    title: '调整任务', dueDate: '完成时限', deliverable: '成果形式', save: '保存修改', saved: '已保存',
    leadDepartment: '牵头单位', version: '版本',
  },
};
