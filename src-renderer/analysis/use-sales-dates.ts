import { api } from '../api/client';
import { useData } from '../api/use-data';
import { useAnalysis } from './analysis-store';

/**
 * Asks main for the last day with a sale, on open and whenever orders change, so the analysis
 * dates the user has not set follow it (imported history analysed "as of today" showed no sales).
 * True once the first answer is in: reports and previews run on open and must see the right date.
 */
export function useSalesDates(): boolean {
  // The store is set inside the read, before the answer is state: a report that runs once this
  // hook says true already sees the date.
  const { data } = useData(
    () =>
      api.reports
        .salesDates({})
        .then((d) => d.lastOrderDate)
        .catch(() => null)
        .then((last) => {
          useAnalysis.getState().setLastSale(last);
          return true;
        }),
    [],
    ['order'],
  );
  return data === true;
}
