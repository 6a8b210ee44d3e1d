import { AgencyReference, ProcessDefinitionDocument } from './process-definition';

/*
 * Two sample definitions for the domain unit tests (the seeded demo definitions, with real catalogue codes, are
 * in libs/persistence/src/seed/process-definition.seed.ts). Procedure codes, agency codes, legal
 * times and budgets are placeholders (unverified): override them with the real catalogue entries.
 */

export interface SampleSequentialAgencies {
  landOffice: string;
  taxDepartment: string;
  peoplesCommittee: string;
}

export interface SampleSequentialOptions {
  procedureCode?: string;
  version?: number;
  agencies?: Partial<SampleSequentialAgencies>;
}

/**
 * Sequential inter-agency procedure (NĐ 61/2018 Art. 19.6), modelled on a first land-use right
 * certificate: desk → district land registration office → tax department → applicant pays the land
 * levy → district people's committee signs → the desk returns the result.
 */
export function createSampleSequentialDefinition(options: SampleSequentialOptions = {}): ProcessDefinitionDocument {
  const agencies: SampleSequentialAgencies = {
    landOffice: 'H62.01.LAND',
    taxDepartment: 'H62.01.TAX',
    peoplesCommittee: 'H62.01',
    ...options.agencies,
  };
  return {
    procedureCode: options.procedureCode ?? '1.000001',
    version: options.version ?? 1,
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        name: 'Desk transfers the accepted dossier',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'land-office' },
      },
      {
        id: 'land-office',
        name: 'Land registration office checks the parcel and the documents',
        kind: 'task',
        agency: { code: agencies.landOffice },
        budget: { workingDays: 10 },
        transitions: {
          approve: 'tax',
          'request-supplement': 'land-office',
          refuse: '@end:refused',
          return: '@previous',
        },
      },
      {
        id: 'tax',
        name: 'Tax department computes the land levy and fees',
        kind: 'connector',
        connector: 'tax-land-levy',
        maxAttempts: 5,
        agency: { code: agencies.taxDepartment },
        budget: { workingDays: 5 },
        transitions: { approve: 'land-levy-payment', return: '@previous' },
      },
      {
        id: 'land-levy-payment',
        name: 'Applicant pays the land levy',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 30 },
        transitions: { approve: 'committee' },
      },
      {
        id: 'committee',
        name: "District people's committee signs the certificate",
        kind: 'task',
        agency: { code: agencies.peoplesCommittee },
        budget: { workingDays: 3 },
        handover: 'paper',
        transitions: { approve: 'return-result', return: 'land-office', refuse: '@end:refused' },
      },
      {
        id: 'return-result',
        name: 'Desk returns the certificate',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

export interface SampleParallelAgencies {
  businessRegistration: string;
  tax: string;
  socialInsurance: string;
  lead: string;
}

export interface SampleParallelOptions {
  procedureCode?: string;
  version?: number;
  agencies?: Partial<SampleParallelAgencies>;
}

/**
 * Electronic parallel inter-agency procedure (NĐ 61/2018 Art. 19.7), modelled on business registration
 * with tax and social-insurance registration: the desk sends to all three agencies at once, the
 * business registration office leads and consolidates, then the desk returns the result.
 */
export function createSampleParallelDefinition(options: SampleParallelOptions = {}): ProcessDefinitionDocument {
  const agencies: SampleParallelAgencies = {
    businessRegistration: 'H62.BR',
    tax: 'H62.TAX',
    socialInsurance: 'H62.SI',
    ...options.agencies,
    lead: options.agencies?.lead ?? options.agencies?.businessRegistration ?? 'H62.BR',
  };
  const lead: AgencyReference = { code: agencies.lead };
  return {
    procedureCode: options.procedureCode ?? '1.000002',
    version: options.version ?? 1,
    legalTime: { workingDays: 5 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        name: 'Desk sends the dossier to every agency',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'registration-bundle' },
      },
      {
        id: 'registration-bundle',
        name: 'Business, tax and social-insurance registration in parallel',
        kind: 'parallel',
        branches: ['business-registration', 'tax-registration', 'social-insurance-registration'],
        join: 'consolidate',
        leadAgency: lead,
      },
      {
        id: 'business-registration',
        kind: 'task',
        agency: { code: agencies.businessRegistration },
        budget: { workingDays: 2 },
        transitions: {
          approve: '@join',
          'request-supplement': 'business-registration',
          refuse: '@end:refused',
        },
      },
      {
        id: 'tax-registration',
        kind: 'connector',
        connector: 'tax-registration',
        maxAttempts: 5,
        agency: { code: agencies.tax },
        budget: { workingDays: 1 },
        transitions: { approve: '@join', refuse: '@end:refused' },
      },
      {
        id: 'social-insurance-registration',
        kind: 'task',
        agency: { code: agencies.socialInsurance },
        budget: { workingDays: 2 },
        transitions: { approve: '@join', refuse: '@end:refused' },
      },
      {
        id: 'consolidate',
        name: 'Lead agency consolidates and issues the result',
        kind: 'task',
        agency: lead,
        budget: { workingDays: 1 },
        transitions: { approve: 'return-result', return: '@previous' },
      },
      {
        id: 'return-result',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

/** Land-use right certificate sample with placeholder agency codes. */
export const sampleSequentialDefinition: ProcessDefinitionDocument = createSampleSequentialDefinition();

/** Business + tax + social-insurance registration sample with placeholder agency codes. */
export const sampleParallelDefinition: ProcessDefinitionDocument = createSampleParallelDefinition();
