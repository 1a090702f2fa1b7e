import { useCallback, useEffect, useState } from 'react';
import type { Figures } from '../../modules/figures/figures.schemas.ts';
import { api } from '../api.ts';

export type FigureParams = Record<string, string | undefined>;

export function queryString(params: FigureParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The public figures for these filters; `refreshSeconds` re-reads them, as a wall display does. */
export function useFigures(params: FigureParams, refreshSeconds?: number) {
  const [figures, setFigures] = useState<Figures | null>(null);
  const key = queryString(params);
  const load = useCallback(async () => {
    setFigures(await api<Figures>(`/api/public/figures${key}`));
  }, [key]);
  useEffect(() => {
    void load();
    if (!refreshSeconds) return;
    const timer = setInterval(() => void load(), refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [load, refreshSeconds]);
  return figures;
}
