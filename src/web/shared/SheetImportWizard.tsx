import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Result, Space, Spin, Steps, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../api.ts';

// Every spreadsheet import of the workbench (households, 12345 work orders, problem ledgers) goes the same
// way: upload → a row-by-row check → import the same file with progress → what was done. Each import
// says only what is its own: how to ask, how to show a check, what its words are.

type Stage<P, R> =
  | { step: 'upload'; busy: boolean }
  | { step: 'preview'; file: File; preview: P }
  | { step: 'importing'; done: number; total: number }
  | { step: 'done'; result: R };

const stepIndex = { upload: 0, preview: 1, importing: 2, done: 3 } as const;

export type SheetImportTexts<R> = {
  uploadHint: string;
  uploadDetail: string;
  checking: string;
  again: string;
  another: string;
  /** Put before the reason a commit failed. */
  failed: string;
  progress(done: number, total: number): string;
  doneTitle: string;
  doneSummary(result: R): string;
};

export type SheetImportProps<P, R> = {
  texts: SheetImportTexts<R>;
  /** The step titles, when the steps are shown above the wizard. */
  steps?: [string, string, string, string];
  /** Nothing can be uploaded yet (a target to choose first). */
  disabled?: boolean;
  preview(file: File): Promise<P>;
  commit(file: File, preview: P, onProgress: (done: number, total: number) => void): Promise<R>;
  /** What the check found: counts and the row-by-row report. */
  renderPreview(preview: P): ReactNode;
  commitLabel(preview: P): string;
  canCommit(preview: P): boolean;
  /** Words beside the buttons (why the import is disabled, that there is nothing to do). */
  previewNote?(preview: P): ReactNode;
  /** Rows expected before the first progress line arrives. */
  expected?(preview: P): number;
  renderDone?(result: R): ReactNode;
  onDone?(result: R): void;
};

export function failureText(error: unknown): string {
  return error instanceof ApiError
    ? [error.problem.title, ...(error.problem.errors ?? []).slice(0, 5).map((e) => e.message)].join('；')
    : String(error);
}

export function SheetImportWizard<P, R>(props: SheetImportProps<P, R>) {
  const { texts } = props;
  const [stage, setStage] = useState<Stage<P, R>>({ step: 'upload', busy: false });
  const [problem, setProblem] = useState<string | null>(null);
  const restart = () => setStage({ step: 'upload', busy: false });

  async function check(file: File) {
    setProblem(null);
    setStage({ step: 'upload', busy: true });
    try {
      setStage({ step: 'preview', file, preview: await props.preview(file) });
    } catch (error) {
      setProblem(failureText(error));
      restart();
    }
  }

  async function commit(file: File, preview: P) {
    setProblem(null);
    setStage({ step: 'importing', done: 0, total: props.expected?.(preview) ?? 0 });
    try {
      const result = await props.commit(file, preview, (done, total) =>
        setStage({ step: 'importing', done, total }),
      );
      setStage({ step: 'done', result });
      props.onDone?.(result);
    } catch (error) {
      setProblem(`${texts.failed}：${failureText(error)}`);
      setStage({ step: 'preview', file, preview });
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {props.steps && (
        <Steps current={stepIndex[stage.step]} items={props.steps.map((title) => ({ title }))} />
      )}
      {problem && <Alert type="error" title={problem} showIcon />}

      {stage.step === 'upload' && (
        <Spin spinning={stage.busy} description={texts.checking}>
          <Upload.Dragger
            accept=".xlsx,.csv,.txt"
            maxCount={1}
            showUploadList={false}
            disabled={props.disabled}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{texts.uploadHint}</p>
            <p className="ant-upload-hint">{texts.uploadDetail}</p>
          </Upload.Dragger>
        </Spin>
      )}

      {stage.step === 'preview' && (
        <>
          {props.renderPreview(stage.preview)}
          <Space wrap>
            <Button
              type="primary"
              disabled={!props.canCommit(stage.preview)}
              onClick={() => void commit(stage.file, stage.preview)}
            >
              {props.commitLabel(stage.preview)}
            </Button>
            <Button onClick={restart}>{texts.again}</Button>
            {props.previewNote?.(stage.preview)}
          </Space>
        </>
      )}

      {stage.step === 'importing' && (
        <div role="status" aria-live="polite">
          <Progress
            aria-label={texts.progress(stage.done, stage.total)}
            percent={stage.total === 0 ? 0 : Math.floor((100 * stage.done) / stage.total)}
          />
          <Typography.Text>{texts.progress(stage.done, stage.total)}</Typography.Text>
        </div>
      )}

      {stage.step === 'done' && (
        <>
          <Result
            status="success"
            title={texts.doneTitle}
            subTitle={texts.doneSummary(stage.result)}
            extra={
              <Button type="primary" onClick={restart}>
                {texts.another}
              </Button>
            }
          />
          {props.renderDone?.(stage.result)}
        </>
      )}
    </Space>
  );
}
