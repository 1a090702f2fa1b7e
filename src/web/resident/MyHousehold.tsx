import { Alert, App, Button, Card, Divider, Flex, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyLink } from '../../modules/residents/residents.schemas.ts';
import { ApiError, api } from '../api.ts';
import { useSession } from '../session.tsx';
import { formatTime } from './format.ts';
import { LinkByChoiceForm } from './LinkByChoiceForm.tsx';
import { LinkByCodeForm } from './LinkByCodeForm.tsx';
import { StatusTag } from './readable.tsx';

function LinkRow({ link, onAskAgain }: { link: MyLink; onAskAgain(link: MyLink): void }) {
  const { t, i18n } = useTranslation('resident');
  return (
    <section aria-label={link.place} style={{ padding: '8px 0' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>
          {link.place}
        </Typography.Text>
        <StatusTag status={link.status} label={t(`household.status.${link.status}`)} />
      </Flex>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t(`household.explain.${link.status}`)}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {link.decidedAt
          ? t('household.decidedAt', { date: formatTime(link.decidedAt, i18n.language) })
          : t('household.askedAt', { date: formatTime(link.createdAt, i18n.language) })}
      </Typography.Text>
      {link.status === 'rejected' && (
        <div style={{ marginTop: 8 }}>
          <Button onClick={() => onAskAgain(link)}>{t('household.askAgain')}</Button>
        </div>
      )}
    </section>
  );
}

export function MyHousehold() {
  const { t } = useTranslation('resident');
  const { message } = App.useApp();
  const { refresh } = useSession();
  const [links, setLinks] = useState<MyLink[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setLinks(await api<MyLink[]>('/api/residents/me/household-links'));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem.title : t('translation:errors.unknown'));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  // A confirmed link changes what the session may do, so the session is asked again too.
  async function changed(link: MyLink) {
    message.success(
      t(link.status === 'confirmed' ? 'household.linked' : 'household.requested', { place: link.place }),
    );
    await Promise.all([load(), refresh()]);
  }

  async function askAgain(link: MyLink) {
    try {
      await changed(
        await api<MyLink>('/api/residents/me/household-links', { body: { householdId: link.householdId } }),
      );
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? (error.problem.errors?.map((e) => e.message).join(' ') ?? error.problem.title)
          : t('translation:errors.unknown'),
      );
    }
  }

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2em' }}>{t('household.title')}</h2>}>
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      {links === null && !problem ? (
        <Spin />
      ) : links?.length ? (
        links.map((link) => <LinkRow key={link.id} link={link} onAskAgain={(l) => void askAgain(l)} />)
      ) : (
        <Typography.Paragraph>{t('household.none')}</Typography.Paragraph>
      )}
      <Divider />
      <LinkByCodeForm onLinked={changed} />
      <Divider />
      <LinkByChoiceForm onRequested={changed} />
    </Card>
  );
}
