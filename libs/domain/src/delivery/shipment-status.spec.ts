import { createSampleSequentialDefinition } from '../process-definition/sample-process-definitions';
import type { ProcessDefinitionDocument } from '../process-definition/process-definition';
import { isLastProcessingStep } from './last-processing-step';
import { canChangeReturnChannel, defaultReturnChannel } from './return-channel';
import { assertShipmentTransition, canAdvanceShipment, isFinalShipmentStatus } from './shipment-status';

describe('shipment tracking states', () => {
  it('goes picked-up → in transit → delivered, or failed → returned to sender', () => {
    expect(canAdvanceShipment('created', 'picked-up')).toBe(true);
    expect(canAdvanceShipment('picked-up', 'in-transit')).toBe(true);
    expect(canAdvanceShipment('in-transit', 'delivered')).toBe(true);
    expect(canAdvanceShipment('in-transit', 'failed')).toBe(true);
    expect(canAdvanceShipment('failed', 'returned-to-sender')).toBe(true);
    expect(isFinalShipmentStatus('delivered')).toBe(true);
    expect(isFinalShipmentStatus('returned-to-sender')).toBe(true);
  });

  it('refuses skipped and backward steps with the allowed next states', () => {
    expect(canAdvanceShipment('created', 'delivered')).toBe(false);
    expect(canAdvanceShipment('delivered', 'in-transit')).toBe(false);
    expect(() => assertShipmentTransition('picked-up', 'delivered')).toThrow(/next: in-transit/);
    expect(() => assertShipmentTransition('delivered', 'failed')).toThrow(/final/);
  });
});

describe('return channel', () => {
  it('defaults to the submission channel', () => {
    expect(defaultReturnChannel('in-person')).toBe('desk');
    expect(defaultReturnChannel('online')).toBe('online');
    expect(defaultReturnChannel('postal')).toBe('postal');
  });

  it('can change until the result is ready', () => {
    expect(canChangeReturnChannel('processing')).toBe(true);
    expect(canChangeReturnChannel('awaiting-payment')).toBe(true);
    expect(canChangeReturnChannel('result-ready')).toBe(false);
    expect(canChangeReturnChannel('returned')).toBe(false);
  });
});

describe('isLastProcessingStep', () => {
  const definition = createSampleSequentialDefinition();

  it('is the step whose approval leads to the delivery step (or ends with the result)', () => {
    expect(isLastProcessingStep(definition, 'committee')).toBe(true);
    expect(isLastProcessingStep(definition, 'land-office')).toBe(false);
    expect(isLastProcessingStep(definition, 'return-result')).toBe(false);
    const single = { steps: [{ id: 'a', kind: 'task', transitions: { approve: '@end:result-ready' } }] };
    expect(isLastProcessingStep(single as unknown as ProcessDefinitionDocument, 'a')).toBe(true);
    expect(isLastProcessingStep({}, 'a')).toBe(false);
  });
});
