import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Progress, Result, Space, Spin, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportPreviewView,
  ImportResultView,
} from '../../../modules/household-imports/household-imports.schemas.ts';
import type { PlaceView } from '../../../modules/places/places.schemas.ts';
import { ApiError } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { ImportReport } from './ImportReport.tsx';
import { commitImport, previewImport } from './importApi.ts';

type Stage =
  | { step: 'upload'; busy: boolean }
  | { step: 'preview'; file: File; preview: ImportPreviewView }
  | { step: 'importing'; done: number; total: number }
  | { step: 'done'; result: ImportResultView };

const stepIndex = { upload: 0, preview: 1, importing: 2, done: 3 } as const;

/** Upload → check (row-by-row report; import only without problems) → import with progress → result. */
export function ImportWizard({ compound, onImported }: { compound: PlaceView; onImported(): void }) {
  const { t } = useTranslation('places');
  const { session } = useSession();
  const csrf = session?.csrfToken ?? '';
  const [stage, setStage] = useState<Stage>({ step: 'upload', busy: false });
  const [problem, setProblem] = useState<string | null>(null);

  const failure = (error: unknown) =>
    error instanceof ApiError
      ? [error.problem.title, ...(error.problem.errors ?? []).slice(0, 5).map((e) => e.message)].join('；')
      : String(error);

  async function check(file: File) {
    setProblem(null);
    setStage({ step: 'upload', busy: true });
    try {
      setStage({ step: 'preview', file, preview: await previewImport(compound.id, file, csrf) });
    } catch (error) {
      setProblem(failure(error));
      setStage({ step: 'upload', busy: false });
    }
  }

  async function commit(file: File, preview: ImportPreviewView) {
    setProblem(null);
    setStage({ step: 'importing', done: 0, total: 0 });
    try {
      const result = await commitImport(compound.id, file, preview.fileHash, csrf, (done, total) =>
        setStage({ step: 'importing', done, total }),
      );
      setStage({ step: 'done', result });
      onImported();
    } catch (error) {
      setProblem(`${t('import.failed')}：${failure(error)}`);
      setStage({ step: 'preview', file, preview });
    }
  }

  const counts = (c: ImportPreviewView['counts']) => (
    <Descriptions
      size="small"
      column={4}
      title={t('import.counts')}
      items={[
        ['rows', c.rows],
        ['newBuildings', c.buildings],
        ['newEntrances', c.entrances],
        ['newHouseholds', c.households],
        ['newPeople', c.people],
        ['newOwnerships', c.ownerships],
        ['updated', c.updated],
        ['unchanged', c.unchanged],
      ].map(([key, value]) => ({ key: String(key), label: t(`import.${key}`), children: value }))}
    />
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Steps
        current={stepIndex[stage.step]}
        items={[
          { title: t('import.stepUpload') },
          { title: t('import.stepPreview') },
          { title: t('import.stepImport') },
          { title: t('import.stepDone') },
        ]}
      />
      {problem && <Alert type="error" title={problem} showIcon />}

      {stage.step === 'upload' && (
        <Spin spinning={stage.busy} description={t('import.checking')}>
          <Upload.Dragger
            accept=".xlsx,.csv,.txt"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.uploadHint')}</p>
            <p className="ant-upload-hint">{t('import.uploadDetail')}</p>
          </Upload.Dragger>
        </Spin>
      )}

      {stage.step === 'preview' && (
        <>
          <Typography.Text>{t('import.file', { name: stage.preview.fileName })}</Typography.Text>
          {counts(stage.preview.counts)}
          <ImportReport preview={stage.preview} />
          <Space wrap>
            <Button
              type="primary"
              disabled={stage.preview.issueCount > 0}
              onClick={() => void commit(stage.file, stage.preview)}
            >
              {t('import.commit')}
            </Button>
            <Button onClick={() => setStage({ step: 'upload', busy: false })}>{t('import.again')}</Button>
            {stage.preview.issueCount > 0 && (
              <Typography.Text type="danger">{t('import.commitDisabled')}</Typography.Text>
            )}
            {stage.preview.issueCount === 0 &&
              stage.preview.counts.households + stage.preview.counts.updated === 0 && (
                <Typography.Text type="secondary">{t('import.nothingToDo')}</Typography.Text>
              )}
          </Space>
        </>
      )}

      {stage.step === 'importing' && (
        <div role="status" aria-live="polite">
          <Progress percent={stage.total === 0 ? 0 : Math.floor((100 * stage.done) / stage.total)} />
          <Typography.Text>{t('import.progress', { done: stage.done, total: stage.total })}</Typography.Text>
        </div>
      )}

      {stage.step === 'done' && (
        <Result
          status="success"
          title={t('import.doneTitle')}
          subTitle={t('import.doneSummary', stage.result.counts)}
          extra={
            <Button type="primary" onClick={() => setStage({ step: 'upload', busy: false })}>
              {t('import.another')}
            </Button>
          }
        />
      )}
    </Space>
  );
}
