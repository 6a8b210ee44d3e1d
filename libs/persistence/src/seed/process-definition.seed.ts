import { assertValidProcessDefinition, ProcessDefinitionDocument } from '@motcua/domain';
import type { EntityManager } from 'typeorm';
import { ProcessDefinitionRepository } from '../workflow/process-definition.repository';
import type { Seed } from './seed';

/*
 * Demo process definitions for the demo catalogue (run after CATALOG_SEED). Agency identifiers are the demo
 * agencies of catalog.seed.ts; budgets are invented placeholders that fit each procedure's legal time.
 */

/** 1.000775 first land-use right certificate (20 working days), sequential: land registry → tax → natural resources. */
export function demoSequentialDefinition(
  options: { taxAsConnector?: boolean } = {},
): Omit<ProcessDefinitionDocument, 'version'> {
  const taxAsConnector = options.taxAsConnector ?? true;
  return {
    procedureCode: '1.000775',
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        name: 'Bộ phận một cửa chuyển hồ sơ',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        name: 'Văn phòng Đăng ký đất đai thẩm định',
        kind: 'task',
        agency: { code: '000.02.02.H62' },
        budget: { workingDays: 8 },
        transitions: {
          approve: 'tax',
          return: '@previous',
          'request-supplement': 'land-registry',
          refuse: '@end:refused',
        },
      },
      taxAsConnector
        ? {
            id: 'tax',
            name: 'Cục Thuế xác định nghĩa vụ tài chính',
            kind: 'connector',
            connector: 'tax-land-levy',
            maxAttempts: 3,
            agency: { code: '000.00.07.H62' },
            budget: { workingDays: 3 },
            transitions: { approve: 'natural-resources', return: '@previous' },
          }
        : {
            id: 'tax',
            name: 'Cục Thuế xác định nghĩa vụ tài chính',
            kind: 'task',
            agency: { code: '000.00.07.H62' },
            budget: { workingDays: 3 },
            transitions: { approve: 'natural-resources', return: '@previous' },
          },
      {
        id: 'natural-resources',
        name: 'Sở Tài nguyên và Môi trường ký Giấy chứng nhận',
        kind: 'task',
        agency: { code: '000.00.02.H62' },
        budget: { workingDays: 5 },
        handover: 'paper',
        transitions: { approve: 'return-result', return: 'land-registry', refuse: '@end:refused' },
      },
      {
        id: 'return-result',
        name: 'Trả kết quả',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

/** 2.001610 private enterprise registration (3 working days), electronic parallel: registration + tax + social insurance. */
export function demoParallelDefinition(): Omit<ProcessDefinitionDocument, 'version'> {
  return {
    procedureCode: '2.001610',
    legalTime: { workingDays: 3 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'bundle' },
      },
      {
        id: 'bundle',
        kind: 'parallel',
        branches: ['business-registration', 'tax-registration', 'social-insurance'],
        join: 'consolidate',
        leadAgency: { code: '000.00.04.H62' },
      },
      {
        id: 'business-registration',
        kind: 'task',
        agency: { code: '000.00.04.H62' },
        budget: { workingDays: 1 },
        transitions: { approve: '@join', refuse: '@end:refused' },
      },
      {
        id: 'tax-registration',
        kind: 'task',
        agency: { code: '000.00.07.H62' },
        budget: { workingDays: 1 },
        transitions: { approve: '@join', refuse: '@end:refused' },
      },
      {
        id: 'social-insurance',
        kind: 'task',
        agency: { code: '000.00.05.H62' },
        budget: { workingDays: 1 },
        transitions: { approve: '@join', refuse: '@end:refused' },
      },
      {
        id: 'consolidate',
        kind: 'task',
        agency: { code: '000.00.04.H62' },
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

export const PROCESS_DEFINITION_SEED: Seed = {
  name: 'process definitions (workflow)',
  async run(manager: EntityManager, log: (line: string) => void): Promise<void> {
    const definitions = new ProcessDefinitionRepository(manager);
    for (const document of [demoSequentialDefinition(), demoParallelDefinition()]) {
      const [procedure] = await manager.query(`SELECT id FROM procedure WHERE code = $1`, [document.procedureCode]);
      if (!procedure) {
        log(`skip ${document.procedureCode}: procedure not in the catalogue`);
        continue;
      }
      if (await definitions.latestPublished(procedure.id)) continue;
      const draft = await definitions.createDraft(
        procedure.id,
        assertValidProcessDefinition({ ...document, version: 1 }),
        null,
      );
      await definitions.publish(draft.id, new Date());
      log(`published ${document.procedureCode} version ${draft.version}`);
    }
  },
};
