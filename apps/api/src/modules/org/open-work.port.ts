import { Injectable } from '@nestjs/common';
import type { OpenWorkChange } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';

/** Who changes the tree and why: written on every moved item's history row. */
export interface OpenWorkContext {
  operation: 'move' | 'merge' | 'dissolve';
  actorUserId: string | null;
  onBehalfOfUserId: string | null;
  actorUnitPath: string | null;
  /** When the reorganisation takes effect (may be before now for a back-dated one). */
  effectiveAt: Date;
  /** Free text for the history row, e.g. "Giải thể LĐLĐ huyện Ninh Hải". */
  reason: string;
}

/**
 * What the org module needs of the workflow runtime when the tree changes, without depending on it:
 * the runtime implements it (modules/workflow/items/move-open-work.use-case.ts) and registers itself
 * in `OpenWorkRegistry` at start. The org module never touches `work_item` itself.
 * Every call runs inside the reorganisation's transaction (`manager`).
 */
export interface OpenWorkPort {
  /** Open items at the unit or currently assigned to it. */
  countOpenItems(unitId: string, manager?: EntityManager): Promise<number>;
  listOpenItems(unitId: string, limit: number, manager?: EntityManager): Promise<Array<{ id: string; status: string }>>;
  /** Open items whose unit or assignment lies in the subtree at `rootPath`. */
  countOpenItemsUnder(rootPath: string, manager?: EntityManager): Promise<number>;
  /**
   * The open items of `fromUnitId` go to `toUnitId`, and items elsewhere assigned to it are assigned
   * to the target; collisions follow the runtime's rule (the target keeps its own item for a parent,
   * the moved one is closed as superseded). Each changed item gets a history row and a version bump.
   */
  transferOpenItems(manager: EntityManager, fromUnitId: string, toUnitId: string, context: OpenWorkContext): Promise<OpenWorkChange>;
  /** A subtree was re-pathed: open items of its units take the new path (closed ones keep theirs). */
  repathOpenItems(manager: EntityManager, oldRootPath: string, newRootPath: string, context: OpenWorkContext): Promise<number>;
  /**
   * A subtree now sits under its new parent (called after the parent link changed, in the same transaction): the
   * in-flight items of its units follow their workflow's `inFlightOnMove` rule (default: the current stage is routed
   * again in the new tree, e.g. to the new parent's reviewer), each with a history row. Returns how many moved.
   */
  rerouteMovedWork(manager: EntityManager, rootPath: string, context: OpenWorkContext): Promise<number>;
  /**
   * Units appeared or left at these paths (created, moved in or out), called after the commit: fan-outs collecting
   * over them give new units their child items and settle the children of units that left, at once. A crash before
   * the call is caught up by the scheduler's reconcile pass.
   */
  treeChanged(paths: readonly string[]): Promise<void>;
}

export const OPEN_WORK_PORT = Symbol('OPEN_WORK_PORT');

export const NO_OPEN_WORK_CHANGE: OpenWorkChange = { moved: 0, superseded: 0, reassigned: 0, repathed: 0, reparented: 0 };

/**
 * The port as the org module injects it: forwards to the implementation the runtime registered.
 * Without one (the runtime not loaded) a reorganisation that would need it is refused with
 * SERVICE_UNAVAILABLE rather than leaving open work behind.
 */
@Injectable()
export class OpenWorkRegistry implements OpenWorkPort {
  private impl: OpenWorkPort | null = null;

  register(impl: OpenWorkPort): void {
    this.impl = impl;
  }

  private get port(): OpenWorkPort {
    if (!this.impl) throw new AppError('SERVICE_UNAVAILABLE', { details: { reason: 'workflow_runtime_not_loaded' } });
    return this.impl;
  }

  countOpenItems(unitId: string, manager?: EntityManager): Promise<number> {
    return this.port.countOpenItems(unitId, manager);
  }

  listOpenItems(unitId: string, limit: number, manager?: EntityManager): Promise<Array<{ id: string; status: string }>> {
    return this.port.listOpenItems(unitId, limit, manager);
  }

  countOpenItemsUnder(rootPath: string, manager?: EntityManager): Promise<number> {
    return this.port.countOpenItemsUnder(rootPath, manager);
  }

  transferOpenItems(manager: EntityManager, fromUnitId: string, toUnitId: string, context: OpenWorkContext): Promise<OpenWorkChange> {
    return this.port.transferOpenItems(manager, fromUnitId, toUnitId, context);
  }

  repathOpenItems(manager: EntityManager, oldRootPath: string, newRootPath: string, context: OpenWorkContext): Promise<number> {
    return this.port.repathOpenItems(manager, oldRootPath, newRootPath, context);
  }

  rerouteMovedWork(manager: EntityManager, rootPath: string, context: OpenWorkContext): Promise<number> {
    return this.port.rerouteMovedWork(manager, rootPath, context);
  }

  /** Without a runtime there is nothing to spawn (and the reconcile pass would catch up anyway). */
  async treeChanged(paths: readonly string[]): Promise<void> {
    if (this.impl) await this.impl.treeChanged(paths);
  }
}
