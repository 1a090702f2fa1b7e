import { z } from 'zod';

export const placeKinds = [
  'city',
  'district',
  'street',
  'community',
  'compound',
  'building',
  'entrance',
  'household',
] as const;

export const PlaceId = z.string().min(1).max(64);
export const PlaceName = z.string().trim().min(1, { error: 'required' }).max(100);

export const PlaceView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(placeKinds),
  name: z.string(),
  /** How many places (other than households) it holds: 0 makes a leaf of the tree. */
  childCount: z.number().int(),
});
export type PlaceView = z.infer<typeof PlaceView>;

export const PlaceList = z.object({ places: z.array(PlaceView) });
export type PlaceList = z.infer<typeof PlaceList>;

export const ChildrenQuery = z.object({ parentId: PlaceId.optional() });

export const PlaceDetail = z.object({
  place: PlaceView,
  /** Root first. Places above the actor's scope are named (for the breadcrumb) but marked not visible. */
  ancestors: z.array(
    z.object({ id: z.string(), kind: z.enum(placeKinds), name: z.string(), visible: z.boolean() }),
  ),
  /** What the actor may do here, so the workbench offers only that. */
  allowed: z.object({
    manage: z.boolean(),
    manageGrids: z.boolean(),
    viewHouseholds: z.boolean(),
  }),
  /** Kinds that may be created below it by hand (households have their own form). */
  childKinds: z.array(z.enum(placeKinds)),
  /** Developers 开发商 at this place or above: they may hold unsold units. */
  developers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type PlaceDetail = z.infer<typeof PlaceDetail>;

export const CreatePlace = z.object({
  parentId: PlaceId,
  kind: z.enum(['district', 'street', 'community', 'compound', 'building', 'entrance']),
  name: PlaceName,
});
export type CreatePlace = z.infer<typeof CreatePlace>;

export const RenamePlace = z.object({ name: PlaceName });

export const IdParams = z.object({ id: PlaceId });
