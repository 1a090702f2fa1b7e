export const places = {
  'zh-CN': { menu: '区划与住户' },
  en: { menu: 'Places and households' },
};
