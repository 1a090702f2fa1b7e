export const residents = {
  'zh-CN': { menu: '居民认证' },
  en: { menu: 'Resident households' },
};
