import { Button, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreferences } from './preferences.tsx';

export function PreferenceControls() {
  const { t } = useTranslation();
  const { toggleLanguage, largeText, setLargeText, language } = usePreferences();
  return (
    <Space wrap>
      <Button
        size="small"
        onClick={toggleLanguage}
        lang={language === 'en' ? 'zh-CN' : 'en'}
        data-testid="switch-language"
      >
        {t('prefs.switchTo')}
      </Button>
      <Space size={4}>
        <Switch
          size="small"
          checked={largeText}
          onChange={setLargeText}
          aria-label={t('prefs.largeText')}
          id="large-text"
        />
        <label htmlFor="large-text">{t('prefs.largeText')}</label>
      </Space>
    </Space>
  );
}
