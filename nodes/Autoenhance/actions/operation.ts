import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Slot } from '../utils/concurrency';

/**
 * Runs once per input item; the router adds `pairedItem` and handles Continue On Fail. A wait for
 * Autoenhance goes inside `slot.releasedWhile`, so other items can use the slot meanwhile.
 */
export interface PerItemOperation {
	mode: 'perItem';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, slot: Slot): Promise<INodeExecutionData[]>;
}

/** Runs once for all input items together and sets `pairedItem` on what it returns. */
export interface BatchOperation {
	mode: 'batch';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = PerItemOperation | BatchOperation;
