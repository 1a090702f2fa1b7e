export const staff = {
  'zh-CN': { menu: '人员与角色' },
  en: { menu: 'Staff and roles' },
};
