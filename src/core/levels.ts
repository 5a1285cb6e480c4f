/** i18n key of each status level's words (the badge title, the verdict and the popup share them). */
export const LEVEL_KEYS = {
  operational: 'levelOperational',
  maintenance: 'levelMaintenance',
  degraded: 'levelDegraded',
  partial_outage: 'levelPartialOutage',
  major_outage: 'levelMajorOutage',
  unknown: 'levelUnknown',
} as const;
