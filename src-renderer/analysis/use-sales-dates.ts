import { useEffect, useState } from 'react';
import { api, onEvent } from '../api/client';
import { useAnalysis } from './analysis-store';

/**
 * Asks main for the last day with a sale, on open and whenever orders change, so the analysis
 * dates the user has not set follow it (imported history analysed "as of today" showed no sales).
 * True once the first answer is in: reports and previews run on open and must see the right date.
 */
export function useSalesDates(): boolean {
  const [known, setKnown] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.reports
        .salesDates({})
        .then((d) => d.lastOrderDate)
        .catch(() => null)
        .then((last) => {
          if (!live) return;
          useAnalysis.getState().setLastSale(last);
          setKnown(true);
        });
    void load();
    const off = onEvent((event) => {
      if (event.type === 'data.changed' && event.entities.includes('order')) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return known;
}
