import { z } from 'zod';
import { PlaceId } from './places.schemas.ts';

const BuildingRef = z.object({ id: z.string(), name: z.string(), compoundName: z.string() });

export const GridList = z.object({
  grids: z.array(z.object({ id: z.string(), name: z.string(), buildings: z.array(BuildingRef) })),
  /** Buildings of the community in no grid yet. */
  unassigned: z.array(BuildingRef),
});
export type GridList = z.infer<typeof GridList>;

export const GridView = z.object({ id: z.string(), name: z.string() });
export const CreateGrid = z.object({ name: z.string().trim().min(1, { error: 'required' }).max(100) });
export const CommunityParams = z.object({ id: PlaceId });
export const GridBuildingParams = z.object({ gridId: PlaceId, buildingId: PlaceId });
