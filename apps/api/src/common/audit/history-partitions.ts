import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentLogger } from '../logging/request-context';

/** How many months ahead the history tables' partitions exist (docs/database.md, "History partitions"). */
export const HISTORY_MONTHS_AHEAD = 3;

/**
 * Keeps the month partitions of audit_log and work_item_event made ahead, through the owner's SECURITY DEFINER
 * function `ensure_history_partitions` (the app role may EXECUTE it, not create tables). Called at start-up and by
 * the scheduler once a day (UTC). A missed call never loses a row: the default partition takes it, and the next
 * call moves it into its month.
 */
@Injectable()
export class HistoryPartitions implements OnApplicationBootstrap {
  private lastDay: string | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Makes the missing months; returns how many partitions it created. */
  async ensure(monthsAhead = HISTORY_MONTHS_AHEAD): Promise<number> {
    const rows: Array<{ made: number }> = await this.dataSource.query(`SELECT ensure_history_partitions($1) AS made`, [monthsAhead]);
    return rows[0]?.made ?? 0;
  }

  /** The scheduler's daily pass: runs ensure() when the UTC day changed since the last run. */
  async daily(now = new Date()): Promise<number | null> {
    const day = now.toISOString().slice(0, 10);
    if (this.lastDay === day) return null;
    const made = await this.ensure();
    this.lastDay = day;
    return made;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.daily();
    } catch (err) {
      // Not fatal: rows land in the default partition until a later pass succeeds.
      currentLogger().warn({ err }, 'history partitions could not be made ahead at start-up');
    }
  }
}
