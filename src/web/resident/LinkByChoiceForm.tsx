import { Button, Form, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompoundChoice, MyLink, PlaceChoice } from '../../modules/residents/residents.schemas.ts';
import { ApiError, api } from '../api.ts';
import { FormProblem } from './fields.tsx';

// One select per level below the compound: building, then entrance (where the building has them), then room.
type Level = { parentId: string; options: PlaceChoice[]; value: string | null };

const SEARCH_DELAY_MS = 300;

function children(placeId: string) {
  return api<PlaceChoice[]>(`/api/residents/places/${encodeURIComponent(placeId)}/children`);
}

function levelLabelKey(level: Level) {
  const kind = level.options[0]?.kind ?? 'household';
  return kind === 'household' ? 'household.room' : `household.${kind}`;
}

export function LinkByChoiceForm({ onRequested }: { onRequested(link: MyLink): Promise<void> }) {
  const { t } = useTranslation('resident');
  const [compounds, setCompounds] = useState<CompoundChoice[]>([]);
  const [compoundId, setCompoundId] = useState<string | null>(null);
  const [levels, setLevels] = useState<Level[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function failed(error: unknown) {
    setProblem(error instanceof ApiError ? error.problem.title : t('translation:errors.unknown'));
  }

  function search(text: string) {
    if (searchTimer.current) clearTimeout(searchTimer.current);
    if (text.trim().length < 2) return;
    searchTimer.current = setTimeout(() => {
      api<CompoundChoice[]>(`/api/residents/places/compounds?q=${encodeURIComponent(text.trim())}`)
        .then(setCompounds)
        .catch(failed);
    }, SEARCH_DELAY_MS);
  }

  async function chooseCompound(id: string) {
    setCompoundId(id);
    setLevels([]);
    setChoiceError(null);
    try {
      setLevels([{ parentId: id, options: await children(id), value: null }]);
    } catch (error) {
      failed(error);
    }
  }

  async function choose(index: number, id: string) {
    const kept = levels
      .slice(0, index + 1)
      .map((level, i) => (i === index ? { ...level, value: id } : level));
    setLevels(kept);
    setChoiceError(null);
    const chosen = kept[index]?.options.find((o) => o.id === id);
    if (!chosen || chosen.kind === 'household') return;
    try {
      setLevels([...kept, { parentId: id, options: await children(id), value: null }]);
    } catch (error) {
      failed(error);
    }
  }

  const last = levels.at(-1);
  const householdId =
    last?.value && last.options.find((o) => o.id === last.value)?.kind === 'household' ? last.value : null;

  async function submit() {
    if (!householdId) {
      setChoiceError(t('household.choose'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onRequested(await api<MyLink>('/api/residents/me/household-links', { body: { householdId } }));
      setCompoundId(null);
      setLevels([]);
    } catch (error) {
      // The server names the household field; the choices made stay as they were.
      if (error instanceof ApiError && error.problem.errors?.length)
        setChoiceError(error.problem.errors.map((e) => e.message).join(' '));
      else failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form name="link-by-choice" layout="vertical" onFinish={() => void submit()} requiredMark={false}>
      <Typography.Title level={3} style={{ fontSize: '1.1em' }}>
        {t('household.byChoiceTitle')}
      </Typography.Title>
      <FormProblem problem={problem} />
      <Form.Item label={t('household.compound')} htmlFor="link-compound">
        <Select
          id="link-compound"
          size="large"
          value={compoundId ?? undefined}
          placeholder={t('household.compoundPlaceholder')}
          showSearch={{ filterOption: false, onSearch: search }}
          onChange={(id: string) => void chooseCompound(id)}
          options={compounds.map((c) => ({
            value: c.id,
            label: [c.name, c.community, c.street].filter(Boolean).join(' · '),
          }))}
          notFoundContent={null}
        />
      </Form.Item>
      {levels.map((level, index) => {
        const id = `link-level-${index}`;
        const isLast = index === levels.length - 1;
        return (
          <Form.Item
            key={level.parentId}
            label={t(levelLabelKey(level))}
            htmlFor={id}
            validateStatus={isLast && choiceError ? 'error' : undefined}
            help={isLast && choiceError ? choiceError : undefined}
          >
            <Select
              id={id}
              size="large"
              placeholder={t('household.choose')}
              value={level.value ?? undefined}
              onChange={(value: string) => void choose(index, value)}
              options={level.options.map((o) => ({ value: o.id, label: o.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        );
      })}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={!compoundId}>
        {t('household.byChoiceSubmit')}
      </Button>
    </Form>
  );
}
