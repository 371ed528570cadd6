// Names the console itself gave (the demo site and its cluster) are shown in the UI language; names
// an operator gave are shown as typed. The store and exports keep the stored name.
import type { TFunction } from 'i18next';
import { isDemoCluster, isDemoSite } from '../../../shared/domain/fleet/demoSite.ts';

export function clusterDisplayName(name: string, t: TFunction): string {
  return isDemoCluster(name) ? t('systemText.demo.cluster') : name;
}

export function siteDisplayName(site: string, t: TFunction): string {
  return isDemoSite(site) ? t('systemText.demo.site') : site;
}
