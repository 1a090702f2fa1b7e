import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SiteHeader } from '../shell/SiteHeader.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const areas = [
    {
      to: '/resident',
      title: t('home.residentTitle'),
      text: t('home.residentText'),
      testId: 'area-resident',
    },
    {
      to: '/workbench',
      title: t('home.workbenchTitle'),
      text: t('home.workbenchText'),
      testId: 'area-workbench',
    },
    { to: '/wall', title: t('home.wallTitle'), text: t('home.wallText'), testId: 'area-wall' },
  ];
  return (
    <>
      <SiteHeader />
      <main style={{ maxWidth: 1040, margin: '0 auto', padding: 16 }}>
        <Typography.Title level={1}>
          {t('app.name')} · {t('app.motto')}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: '1.1em' }}>{t('home.intro')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {areas.map((area) => (
            <Col xs={24} md={8} key={area.to}>
              <Link to={area.to} data-testid={area.testId}>
                <Card hoverable title={<h2 style={{ margin: 0, fontSize: '1.15em' }}>{area.title}</h2>}>
                  <Typography.Paragraph>{area.text}</Typography.Paragraph>
                  <Typography.Text strong>{t('home.enter')} →</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph style={{ marginTop: 24 }}>
          <a href="/api/docs">{t('nav.apiDocs')}</a>
        </Typography.Paragraph>
      </main>
    </>
  );
}
