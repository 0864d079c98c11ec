import type { BulkActionResult } from '@thidua/contracts';
import { createOperationStore } from '../org/operation-store';

/**
 * The last bulk approve/return, kept outside the page: the request runs on when the user leaves the inbox, and the
 * per-item results are there when they come back (also after a reload of the tab).
 */
export const bulkStore = createOperationStore<BulkActionResult>('thidua.inbox.bulk');
export const BULK_RUN_ID = 'last';
