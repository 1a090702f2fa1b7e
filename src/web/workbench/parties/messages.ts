export const parties = {
  'zh-CN': { menu: '协商单位' },
  en: { menu: 'Parties' },
};
