export const loginText = {
  title: '督办台账',
  subtitle: '工作要点督查督办平台',
  username: '用户名',
  password: '密码',
  submit: '登录',
  submitting: '正在登录…',
  required: (f: string) => `请输入${f}`,
  expired: '登录已过期，请重新登录',
  failed: '登录失败',
  passwordChanged: '密码已修改，请用新密码重新登录',
};
