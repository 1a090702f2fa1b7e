import type { Insertable } from 'kysely';
import type { DB, PlaceKind } from '../../src/db/schema.ts';
import { chineseNumeral, districtNames, names, uniqueName } from './names.ts';
import { Random, scatter, uuidv7Sequence } from './prng.ts';

// The generated city: streets of about eight communities, communities of about 2,000 households (the
// size a community office serves), compounds of three eras, buildings, entrances, households with their
// owners, grids of ~350 households, and the parties that take part at each level. Pure: it yields rows.

const HOUSEHOLDS_PER_COMMUNITY = 2_000;
const COMMUNITIES_PER_STREET = 8;
const STREETS_PER_DISTRICT = 10;
const HOUSEHOLDS_PER_GRID = 350;
const CITY_NAME = '银川市';
const BUILT_AT = '2024-01-01T00:00:00.000Z';
const BUILT_AT_MS = Date.parse(BUILT_AT);

export type CityRows = {
  places: Insertable<DB['places']>[];
  households: Insertable<DB['households']>[];
  people: Insertable<DB['people']>[];
  parties: Insertable<DB['parties']>[];
  ownerships: Insertable<DB['ownerships']>[];
  grids: Insertable<DB['grids']>[];
  grid_buildings: Insertable<DB['grid_buildings']>[];
};

export type PlaceRef = { id: string; path: string; depth: number; name: string };

/** What a scenario may need to find in the city without a query: where to grant roles, whom to link. */
export type CitySample = {
  city: PlaceRef;
  district: PlaceRef;
  street: PlaceRef;
  community: PlaceRef;
  compound: PlaceRef;
  /** Households of the first community, in order: resident accounts are linked to these. */
  householdIds: string[];
  gridIds: string[];
};

export type CitySummary = { counts: Record<keyof CityRows, number>; sample: CitySample };

const emptyRows = (): CityRows => ({
  places: [],
  households: [],
  people: [],
  parties: [],
  ownerships: [],
  grids: [],
  grid_buildings: [],
});

type Range = [number, number];
type Era = {
  name: 'old' | 'mid' | 'new';
  buildings: Range;
  entrances: Range;
  floors: Range;
  perFloor: Range;
};
// Compounds of ~200 (old), ~450 (mid) and ~900 (new) households: four to six make a community.
const eras: readonly (readonly [Era, number])[] = [
  // 老旧小区: six-floor walk-ups of the 1990s, two flats a landing, often without a property company.
  [{ name: 'old', buildings: [3, 10], entrances: [2, 4], floors: [5, 7], perFloor: [2, 2] }, 3],
  [{ name: 'mid', buildings: [4, 12], entrances: [1, 2], floors: [11, 18], perFloor: [2, 3] }, 4],
  [{ name: 'new', buildings: [4, 14], entrances: [1, 2], floors: [18, 33], perFloor: [2, 4] }, 3],
];
const areaRange: Record<Era['name'], [number, number]> = { old: [45, 90], mid: [70, 140], new: [85, 180] };
const SAMPLE_HOUSEHOLDS = 500;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PHONE_PREFIXES = ['13', '15', '18', '19'];

/** Splits `total` into `parts` sizes that vary by ±20% around the mean and add up exactly. */
function sizes(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.8 + 0.4 * random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

/**
 * Yields the city in chunks small enough to write in one transaction each: first the city, districts
 * and streets, then one community at a time with everything below it. Returns the summary.
 */
export function* generateCity(
  totalHouseholds: number,
  seed: number,
): Generator<CityRows, CitySummary, undefined> {
  const random = new Random(seed);
  const nextId = uuidv7Sequence(random.fork('ids'), BUILT_AT_MS);
  const counts: Record<keyof CityRows, number> = {
    places: 0,
    households: 0,
    people: 0,
    parties: 0,
    ownerships: 0,
    grids: 0,
    grid_buildings: 0,
  };
  let rows = emptyRows();
  let personIndex = 0n;
  let householdIndex = 0n;

  const flush = () => {
    for (const key of Object.keys(counts) as (keyof CityRows)[]) counts[key] += rows[key].length;
    const out = rows;
    rows = emptyRows();
    return out;
  };
  const place = (kind: PlaceKind, name: string, parent: PlaceRef | null): PlaceRef => {
    const id = nextId();
    const path = `${parent?.path ?? '/'}${id}/`;
    const depth = path.split('/').length - 2;
    rows.places.push({ id, parent_id: parent?.id ?? null, kind, name, path, depth, created_at: BUILT_AT });
    return { id, path, depth, name };
  };
  const party = (kind: string, name: string, at: PlaceRef) => {
    const id = nextId();
    rows.parties.push({ id, kind, name, place_id: at.id, created_at: BUILT_AT });
    return id;
  };
  const person = (r: Random) => {
    const id = nextId();
    const phone = r.chance(0.9)
      ? `${r.pick(PHONE_PREFIXES)}${String(scatter(personIndex, 1_000_000_000n, seed)).padStart(9, '0')}`
      : null;
    personIndex++;
    rows.people.push({ id, name: names.person(r), phone, created_at: BUILT_AT, erased_at: null });
    return id;
  };
  const householdCode = () => {
    let n = scatter(householdIndex++, 1n << 40n, seed);
    let code = '';
    for (let i = 0; i < 8; i++, n >>= 5n) code += CODE_ALPHABET[Number(n & 31n)];
    return code;
  };

  const communityCount = Math.max(1, Math.round(totalHouseholds / HOUSEHOLDS_PER_COMMUNITY));
  const streetCount = Math.ceil(communityCount / COMMUNITIES_PER_STREET);
  const districtCount = Math.ceil(streetCount / STREETS_PER_DISTRICT);
  const communitySizes = sizes(random.fork('sizes'), totalHouseholds, communityCount);

  const top = random.fork('top');
  const city = place('city', CITY_NAME, null);
  party('utility', '银川水务集团有限公司', city);
  party('utility', '国网银川供电公司', city);
  const districts: PlaceRef[] = [];
  for (let d = 0; d < districtCount; d++) {
    const name = districtNames[d] ?? `第${chineseNumeral(d + 1)}区`;
    const district = place('district', name, city);
    for (const department of names.departments)
      party('government_department', `${name}${department}`, district);
    districts.push(district);
  }
  const streets: PlaceRef[] = [];
  const usedStreets = new Map<string, Set<string>>();
  for (let s = 0; s < streetCount; s++) {
    const district = districts[Math.floor(s / STREETS_PER_DISTRICT)]!;
    const used = usedStreets.get(district.id) ?? new Set<string>();
    usedStreets.set(district.id, used);
    const street = place('street', uniqueName(top, used, names.street), district);
    party('police_station', `${street.name.replace(/街道$/, '')}派出所`, street);
    party('party_organisation', `${street.name}党工委`, street);
    streets.push(street);
  }
  yield flush();

  let sample: CitySample | null = null;
  const usedCommunities = new Map<string, Set<string>>();
  for (let c = 0; c < communityCount; c++) {
    const r = random.fork(`community-${c}`);
    const street = streets[Math.floor(c / COMMUNITIES_PER_STREET)]!;
    const used = usedCommunities.get(street.id) ?? new Set<string>();
    usedCommunities.set(street.id, used);
    const community = place('community', uniqueName(r, used, names.community), street);
    const communityParties = new Set<string>();
    party('party_organisation', `${community.name}党委`, community);
    for (let u = r.int(1, 2); u > 0; u--) {
      const unit = uniqueName(r, communityParties, (q) => `银川市${names.coBuildingUnit(q)}`);
      party('co_building_unit', unit, community);
    }
    if (r.chance(0.3)) party('social_organisation', names.socialOrganisation(r), community);

    const householdIds: string[] = [];
    const buildings: { ref: PlaceRef; households: number }[] = [];
    const usedCompounds = new Set<string>();
    let firstCompound: PlaceRef | null = null;
    let left = communitySizes[c]!;
    while (left > 0) {
      const era = r.weighted(eras);
      const compound = place('compound', uniqueName(r, usedCompounds, names.compound), community);
      firstCompound ??= compound;
      const hasProperty = era.name !== 'old' || r.chance(0.8);
      if (hasProperty) party('property_company', `${names.brand(r)}物业服务有限公司`, compound);
      if (r.chance(era.name === 'old' ? 0.3 : 0.6))
        party('owners_committee', `${compound.name}业主委员会`, compound);
      const developer =
        era.name === 'old' ? null : party('developer', `${names.brand(r)}置业有限公司`, compound);
      const owners: string[] = [];
      const [minArea, maxArea] = areaRange[era.name];

      const buildingCount = r.int(...era.buildings);
      for (let b = 1; b <= buildingCount && left > 0; b++) {
        const building = place('building', `${b}号楼`, compound);
        const floors = r.int(...era.floors);
        const perFloor = r.int(...era.perFloor);
        const entrances = r.int(...era.entrances);
        let inBuilding = 0;
        for (let e = 1; e <= entrances && left > 0; e++) {
          const entrance = place('entrance', `${e}单元`, building);
          for (let floor = 1; floor <= floors && left > 0; floor++) {
            for (let unit = 1; unit <= perFloor && left > 0; unit++) {
              const room = `${floor}${String(unit).padStart(2, '0')}`;
              const household = place('household', room, entrance);
              rows.households.push({
                place_id: household.id,
                room,
                area_centi_m2: r.int(minArea, maxArea) * 100 + r.int(0, 99),
                household_code: householdCode(),
                updated_at: BUILT_AT,
              });
              if (developer && r.chance(0.04)) {
                // An unsold unit: the developer is its owner (法释〔2009〕7号 art. 9 counts these once).
                rows.ownerships.push({
                  id: nextId(),
                  household_id: household.id,
                  person_id: null,
                  party_id: developer,
                });
              } else {
                const owner = owners.length > 0 && r.chance(0.03) ? r.pick(owners) : person(r);
                owners.push(owner);
                rows.ownerships.push({
                  id: nextId(),
                  household_id: household.id,
                  person_id: owner,
                  party_id: null,
                });
                if (r.chance(0.15))
                  rows.ownerships.push({
                    id: nextId(),
                    household_id: household.id,
                    person_id: person(r),
                    party_id: null,
                  });
              }
              if (householdIds.length < SAMPLE_HOUSEHOLDS) householdIds.push(household.id);
              inBuilding++;
              left--;
            }
          }
        }
        buildings.push({ ref: building, households: inBuilding });
      }
    }

    const gridIds: string[] = [];
    let gridHouseholds = HOUSEHOLDS_PER_GRID;
    let gridId = '';
    for (const building of buildings) {
      if (gridHouseholds >= HOUSEHOLDS_PER_GRID) {
        gridId = nextId();
        gridIds.push(gridId);
        rows.grids.push({
          id: gridId,
          community_id: community.id,
          name: `第${chineseNumeral(gridIds.length)}网格`,
          created_at: BUILT_AT,
        });
        gridHouseholds = 0;
      }
      rows.grid_buildings.push({ building_id: building.ref.id, grid_id: gridId });
      gridHouseholds += building.households;
    }

    sample ??= {
      city,
      district: districts[0]!,
      street,
      community,
      compound: firstCompound!,
      householdIds,
      gridIds,
    };
    yield flush();
  }
  return { counts, sample: sample! };
}
