/**
 * The energy carriers of an enterprise's monthly energy account and the unit each is entered in
 * (docs/carbon.md §2). Shared by the CO2 accounting (GB/T 32150-2015), the standard-coal
 * conversion (GB/T 2589-2020) and the carbon-efficiency code (DB33/T 1347-2023).
 *
 * Pure: no I/O.
 */

/** Fossil fuels burnt on site: CO2 = quantity × NCV × CC × OF × 44/12 (GB/T 32150-2015 §6, Annex B). */
export const FUEL_CARRIERS = ['natural_gas', 'raw_coal', 'diesel', 'gasoline', 'fuel_oil', 'lpg'] as const;
export type FuelCarrier = (typeof FUEL_CARRIERS)[number];

/** Every carrier, in the order of the account form. */
export const ENERGY_CARRIERS = [
  'electricity',
  'green_power',
  'pv_self_use',
  'pv_export',
  ...FUEL_CARRIERS,
  'heat',
  'other_tce',
] as const;
export type EnergyCarrier = (typeof ENERGY_CARRIERS)[number];

/** The unit each carrier is entered in. */
export const CARRIER_UNITS: Readonly<Record<EnergyCarrier, string>> = {
  electricity: 'MWh',
  green_power: 'MWh',
  pv_self_use: 'MWh',
  pv_export: 'MWh',
  natural_gas: '10⁴ Nm³',
  raw_coal: 't',
  diesel: 't',
  gasoline: 't',
  fuel_oil: 't',
  lpg: 't',
  heat: 'GJ',
  other_tce: 'tce',
};

/** Whether a text is a carrier key. */
export function isEnergyCarrier(key: string): key is EnergyCarrier {
  return (ENERGY_CARRIERS as readonly string[]).includes(key);
}

/** Whether a carrier is a fossil fuel burnt on site. */
export function isFuelCarrier(key: string): key is FuelCarrier {
  return (FUEL_CARRIERS as readonly string[]).includes(key);
}
