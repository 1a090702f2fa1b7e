import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ImportPreviewView,
  ImportResultView,
} from '../../../modules/household-imports/household-imports.schemas.ts';
import type { PlaceView } from '../../../modules/places/places.schemas.ts';
import { useSession } from '../../session.tsx';
import { SheetImportWizard } from '../../shared/SheetImportWizard.tsx';
import { ImportReport } from './ImportReport.tsx';
import { commitImport, previewImport } from './importApi.ts';

/** Upload → check (row-by-row report; import only without problems) → import with progress → result. */
export function ImportWizard({ compound, onImported }: { compound: PlaceView; onImported(): void }) {
  const { t } = useTranslation('places');
  const { session } = useSession();
  const csrf = session?.csrfToken ?? '';

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
    <SheetImportWizard<ImportPreviewView, ImportResultView>
      steps={[t('import.stepUpload'), t('import.stepPreview'), t('import.stepImport'), t('import.stepDone')]}
      texts={{
        uploadHint: t('import.uploadHint'),
        uploadDetail: t('import.uploadDetail'),
        checking: t('import.checking'),
        again: t('import.again'),
        another: t('import.another'),
        failed: t('import.failed'),
        progress: (done, total) => t('import.progress', { done, total }),
        doneTitle: t('import.doneTitle'),
        doneSummary: (result) => t('import.doneSummary', result.counts),
      }}
      preview={(file) => previewImport(compound.id, file, csrf)}
      commit={(file, preview, onProgress) =>
        commitImport(compound.id, file, preview.fileHash, csrf, onProgress)
      }
      renderPreview={(preview) => (
        <>
          <Typography.Text>{t('import.file', { name: preview.fileName })}</Typography.Text>
          {counts(preview.counts)}
          <ImportReport preview={preview} />
        </>
      )}
      commitLabel={() => t('import.commit')}
      canCommit={(preview) => preview.issueCount === 0}
      previewNote={(preview) =>
        preview.issueCount > 0 ? (
          <Typography.Text type="danger">{t('import.commitDisabled')}</Typography.Text>
        ) : preview.counts.households + preview.counts.updated === 0 ? (
          <Typography.Text type="secondary">{t('import.nothingToDo')}</Typography.Text>
        ) : null
      }
      onDone={onImported}
    />
  );
}
