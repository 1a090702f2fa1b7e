export const resident = {
  'zh-CN': {},
  en: {},
};
