/** The store's types the export reads. */
export type { City, District, DistrictBoundary, Site } from '../../store/types.js';
export type { DeviceWithSite as DeviceWithSiteCode } from '../../store/device.repository.js';
