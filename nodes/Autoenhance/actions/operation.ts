import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Slot } from '../utils/concurrency';

/**
 * Runs once per input item; the router adds `pairedItem` and handles Continue On Fail. A wait for
 * Autoenhance goes inside `slot.releasedWhile`, so other items can use the slot meanwhile.
 */
/**
 * Whether the operation's Options collection has Concurrency (`optionsField()` adds it), which the
 * router then reads; 'none' runs at the default. Required, so an operation cannot forget to say.
 */
type ConcurrencyDeclaration = 'option' | 'none';

export interface PerItemOperation {
	mode: 'perItem';
	concurrency: ConcurrencyDeclaration;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, slot: Slot): Promise<INodeExecutionData[]>;
}

/** Runs once for all input items together and sets `pairedItem` on what it returns. */
export interface BatchOperation {
	mode: 'batch';
	concurrency: ConcurrencyDeclaration;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = PerItemOperation | BatchOperation;
