import type { Tx } from '../server/transaction.ts';
import type { OwnerRegister } from './owners.ts';
import { addHousehold, addPlace, type DemoOwner, type DemoPlace } from './places.ts';

/**
 * A building's layout: entrances 单元 of `floors` storeys with a unit per stack on each floor. Units of one
 * stack share one registered area (m² × 100), as they do on a real register.
 */
export type BuildingLayout = {
  name: string;
  entrances: number;
  floors: number;
  stackAreas: number[];
};

export type DemoBuilding = {
  building: DemoPlace;
  entrances: { entrance: DemoPlace; households: DemoPlace[] }[];
};

/** Chooses a household's owners when the story needs particular ones; otherwise the register decides. */
export type OwnerChoice = (entrance: number, room: string) => DemoOwner[] | undefined;

export async function addBuilding(
  tx: Tx,
  compound: DemoPlace,
  layout: BuildingLayout,
  register: OwnerRegister,
  choose: OwnerChoice = () => undefined,
): Promise<DemoBuilding> {
  const building = await addPlace(tx, 'building', layout.name, compound);
  const entrances: DemoBuilding['entrances'] = [];
  for (let e = 1; e <= layout.entrances; e++) {
    const entrance = await addPlace(tx, 'entrance', `${e}单元`, building);
    const households: DemoPlace[] = [];
    for (let floor = 1; floor <= layout.floors; floor++)
      for (const [stack, area] of layout.stackAreas.entries()) {
        const room = `${floor}${String(stack + 1).padStart(2, '0')}`;
        const owners = choose(e, room) ?? (await register.next());
        households.push(await addHousehold(tx, entrance, room, area, owners));
      }
    entrances.push({ entrance, households });
  }
  return { building, entrances };
}
