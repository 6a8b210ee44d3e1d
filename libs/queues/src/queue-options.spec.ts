import { AGENCY_JOB_OPTIONS } from './agency.queue';
import { DEFAULT_JOB_OPTIONS } from './queue-contract';
import { jobOptionsForQueue } from './queue-options';
import { SYSTEM_QUEUE } from './system.queue';

describe('jobOptionsForQueue', () => {
  it('gives each queue its contract options', () => {
    expect(jobOptionsForQueue('agency.000.00.12.H62')).toBe(AGENCY_JOB_OPTIONS);
    expect(jobOptionsForQueue('system')).toBe(SYSTEM_QUEUE.defaultJobOptions);
    expect(jobOptionsForQueue('unknown')).toBe(DEFAULT_JOB_OPTIONS);
  });
});
