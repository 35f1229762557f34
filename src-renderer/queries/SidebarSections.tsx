import { FavouriteFolders } from '../favourites/FavouriteFolders';
import '../favourites/favourites.css';
import { PinnedQueries } from './PinnedQueries';
import { useQueriesSync } from './use-queries-sync';

/** The sidebar's lower part: pinned queries and favourites folders. */
export function SidebarSections() {
  useQueriesSync();
  return (
    <div className="side-sections">
      <PinnedQueries />
      <FavouriteFolders entity="customer" />
      <FavouriteFolders entity="contact" />
    </div>
  );
}
