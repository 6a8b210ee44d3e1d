import type { EntityManager } from 'typeorm';
import { AgencyRepository } from '../catalog/agency.repository';
import type { AgencyLevel } from '../catalog/agency.entity';
import { legalTimeMinutes, ProcedureEntity, RequiredDocument } from '../catalog/procedure.entity';
import { ProcedureRepository } from '../catalog/procedure.repository';
import type { Seed } from './seed';

/**
 * Demo agencies of an invented province. Identifiers follow the QCVN 102:2016 shape `V1V2V3.Z1Z2.Y1Y2.MX1X2`
 * (H62 is the province code used in TT 01/2018's example); the lower segments are invented, not real codes.
 */
export const DEMO_AGENCIES: Array<{
  key: string;
  identifier: string;
  name: string;
  level: AgencyLevel;
  parent?: string;
  hasDesk: boolean;
}> = [
  { key: 'province', identifier: '000.00.00.H62', name: 'UBND tỉnh Hòa Bình Xanh', level: 'province', hasDesk: true },
  {
    key: 'public-service-centre',
    identifier: '000.00.01.H62',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    level: 'department',
    parent: 'province',
    hasDesk: true,
  },
  {
    key: 'natural-resources',
    identifier: '000.00.02.H62',
    name: 'Sở Tài nguyên và Môi trường',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'land-registry',
    identifier: '000.02.02.H62',
    name: 'Văn phòng Đăng ký đất đai tỉnh',
    level: 'department',
    parent: 'natural-resources',
    hasDesk: false,
  },
  {
    key: 'construction',
    identifier: '000.00.03.H62',
    name: 'Sở Xây dựng',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'planning-investment',
    identifier: '000.00.04.H62',
    name: 'Sở Kế hoạch và Đầu tư',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'labour',
    identifier: '000.00.05.H62',
    name: 'Sở Lao động - Thương binh và Xã hội',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'justice',
    identifier: '000.00.06.H62',
    name: 'Sở Tư pháp',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'tax',
    identifier: '000.00.07.H62',
    name: 'Cục Thuế tỉnh',
    level: 'department',
    parent: 'province',
    hasDesk: false,
  },
  {
    key: 'district-a',
    identifier: '000.00.12.H62',
    name: 'UBND huyện An Bình',
    level: 'district',
    parent: 'province',
    hasDesk: true,
  },
  {
    key: 'district-b',
    identifier: '000.00.13.H62',
    name: 'UBND huyện Phú Lộc',
    level: 'district',
    parent: 'province',
    hasDesk: true,
  },
  {
    key: 'commune-a1',
    identifier: '000.21.12.H62',
    name: 'UBND xã An Hòa',
    level: 'commune',
    parent: 'district-a',
    hasDesk: true,
  },
  {
    key: 'commune-a2',
    identifier: '000.22.12.H62',
    name: 'UBND xã An Thịnh',
    level: 'commune',
    parent: 'district-a',
    hasDesk: true,
  },
  {
    key: 'commune-b1',
    identifier: '000.21.13.H62',
    name: 'UBND xã Phú Xuân',
    level: 'commune',
    parent: 'district-b',
    hasDesk: true,
  },
];

const doc = (
  code: string,
  name: string,
  form: RequiredDocument['form'] = 'copy',
  mandatory = true,
  count = 1,
): RequiredDocument => ({
  code,
  name,
  form,
  count,
  mandatory,
});

type DemoProcedure = Omit<
  ProcedureEntity,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'legalTimeMinutes'
  | 'receivingAgencyIds'
  | 'handlingAgencyId'
  | 'participatingAgencyIds'
  | 'supplementClock'
> & {
  supplementClock?: ProcedureEntity['supplementClock'];
  receiving: string[];
  handling: string;
  participating?: string[];
};

/**
 * Ten demo procedures across land, construction, business registration, civil status and social policy. Codes,
 * times and fees are plausible but invented/approximate (check the national catalogue before relying on them).
 */
export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    legalTimeValue: 1,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'none', amount: 0, paid: 'before' },
    requiredDocuments: [
      doc('TK', 'Tờ khai đăng ký khai sinh', 'original'),
      doc('GCS', 'Giấy chứng sinh', 'original'),
      doc('UQ', 'Văn bản ủy quyền (nếu có)', 'certified-copy', false),
    ],
    channels: ['in-person', 'online', 'postal'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['commune-a1', 'commune-a2', 'commune-b1'],
    handling: 'commune-a1',
  },
  {
    code: '1.004227',
    name: 'Đăng ký kết hôn',
    field: 'Hộ tịch',
    level: 'commune',
    legalTimeValue: 1,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'none', amount: 0, paid: 'before' },
    requiredDocuments: [
      doc('TK', 'Tờ khai đăng ký kết hôn', 'original'),
      doc('XNTTHN', 'Giấy xác nhận tình trạng hôn nhân', 'original', false),
    ],
    channels: ['in-person', 'online'],
    onlineLevel: 'partly-online',
    resultType: 'paper',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['commune-a1', 'commune-a2', 'commune-b1'],
    handling: 'commune-a1',
  },
  {
    code: '1.001612',
    name: 'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    field: 'Hộ tịch',
    level: 'commune',
    legalTimeValue: 5,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'none', amount: 0, paid: 'before' },
    requiredDocuments: [
      doc('TK', 'Tờ khai đăng ký khai sinh', 'original'),
      doc('GCS', 'Giấy chứng sinh', 'original'),
      doc('TKBHYT', 'Tờ khai tham gia bảo hiểm y tế', 'original'),
    ],
    channels: ['in-person', 'online'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['commune-a1', 'commune-a2', 'commune-b1'],
    handling: 'commune-a1',
    participating: ['district-a'],
  },
  {
    code: '1.000775',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    field: 'Đất đai',
    level: 'district',
    legalTimeValue: 20,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'fixed', amount: 100000, paid: 'after' },
    requiredDocuments: [
      doc('DON', 'Đơn đăng ký, cấp Giấy chứng nhận (Mẫu 04/ĐK)', 'original'),
      doc('GTNG', 'Giấy tờ về nguồn gốc sử dụng đất', 'certified-copy'),
      doc('SD', 'Sơ đồ tài sản gắn liền với đất', 'original', false),
      doc('NVTC', 'Chứng từ thực hiện nghĩa vụ tài chính', 'copy', false),
    ],
    channels: ['in-person', 'postal'],
    onlineLevel: 'none',
    resultType: 'paper',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['district-a', 'district-b', 'public-service-centre'],
    handling: 'land-registry',
    participating: ['tax', 'natural-resources'],
  },
  {
    code: '1.004203',
    name: 'Đăng ký biến động quyền sử dụng đất do chuyển nhượng',
    field: 'Đất đai',
    level: 'district',
    legalTimeValue: 10,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'fixed', amount: 50000, paid: 'before' },
    requiredDocuments: [
      doc('DON', 'Đơn đăng ký biến động (Mẫu 11/ĐK)', 'original'),
      doc('HD', 'Hợp đồng chuyển nhượng đã công chứng', 'original'),
      doc('GCN', 'Bản gốc Giấy chứng nhận đã cấp', 'original'),
    ],
    channels: ['in-person', 'online'],
    onlineLevel: 'partly-online',
    resultType: 'paper',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['district-a', 'district-b'],
    handling: 'land-registry',
    participating: ['tax'],
  },
  {
    code: '1.009794',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    level: 'district',
    legalTimeValue: 15,
    legalTimeUnit: 'working-days',
    cutoffTime: 'none',
    feeRule: { mode: 'fixed', amount: 75000, paid: 'before' },
    requiredDocuments: [
      doc('DON', 'Đơn đề nghị cấp giấy phép xây dựng', 'original'),
      doc('QSDD', 'Giấy tờ về quyền sử dụng đất', 'certified-copy'),
      doc('BV', 'Bản vẽ thiết kế xây dựng', 'original', true, 2),
    ],
    channels: ['in-person', 'online', 'postal'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['district-a', 'district-b'],
    handling: 'district-a',
  },
  {
    code: '1.009972',
    name: 'Cấp giấy phép xây dựng công trình cấp I, II',
    field: 'Hoạt động xây dựng',
    level: 'province',
    legalTimeValue: 20,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'fixed', amount: 150000, paid: 'before' },
    requiredDocuments: [
      doc('DON', 'Đơn đề nghị cấp giấy phép xây dựng', 'original'),
      doc('QSDD', 'Giấy tờ về quyền sử dụng đất', 'certified-copy'),
      doc('TKCS', 'Hồ sơ thiết kế cơ sở được phê duyệt', 'copy'),
      doc('PCCC', 'Văn bản thẩm duyệt phòng cháy chữa cháy', 'copy', false),
    ],
    channels: ['in-person', 'online'],
    onlineLevel: 'partly-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['public-service-centre'],
    handling: 'construction',
    participating: ['natural-resources'],
  },
  {
    code: '2.001610',
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'Thành lập và hoạt động doanh nghiệp',
    level: 'province',
    legalTimeValue: 3,
    legalTimeUnit: 'working-days',
    cutoffTime: 'none',
    feeRule: { mode: 'fixed', amount: 50000, paid: 'before' },
    requiredDocuments: [
      doc('GDN', 'Giấy đề nghị đăng ký doanh nghiệp', 'original'),
      doc('GTPL', 'Bản sao giấy tờ pháp lý của chủ doanh nghiệp', 'copy'),
    ],
    channels: ['in-person', 'online', 'postal'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['public-service-centre'],
    handling: 'planning-investment',
  },
  {
    code: '2.000575',
    name: 'Đăng ký hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'district',
    legalTimeValue: 3,
    legalTimeUnit: 'working-days',
    cutoffTime: 'none',
    feeRule: { mode: 'fixed', amount: 100000, paid: 'before' },
    requiredDocuments: [
      doc('GDN', 'Giấy đề nghị đăng ký hộ kinh doanh', 'original'),
      doc('CCCD', 'Bản sao giấy tờ pháp lý của chủ hộ', 'copy'),
    ],
    channels: ['in-person', 'online'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['district-a', 'district-b'],
    handling: 'district-a',
  },
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng',
    field: 'Bảo trợ xã hội',
    level: 'district',
    legalTimeValue: 22,
    legalTimeUnit: 'working-days',
    cutoffTime: '15:00',
    feeRule: { mode: 'none', amount: 0, paid: 'before' },
    requiredDocuments: [
      doc('TK', 'Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a)', 'original'),
      doc('XN', 'Giấy xác nhận khuyết tật (nếu có)', 'copy', false),
    ],
    channels: ['in-person', 'postal'],
    onlineLevel: 'none',
    resultType: 'paper',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['commune-a1', 'commune-a2', 'commune-b1'],
    handling: 'district-a',
    participating: ['commune-a1', 'labour'],
  },
  {
    code: '1.001699',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: 'Hộ tịch',
    level: 'commune',
    legalTimeValue: 4,
    legalTimeUnit: 'working-hours',
    cutoffTime: 'none',
    feeRule: { mode: 'per-item', amount: 8000, paid: 'before' },
    requiredDocuments: [doc('TK', 'Tờ khai đề nghị cấp bản sao trích lục hộ tịch', 'original')],
    channels: ['in-person', 'online', 'postal'],
    onlineLevel: 'full-online',
    resultType: 'both',
    ruleSetId: 'ND118-2025',
    active: true,
    receiving: ['commune-a1', 'commune-a2', 'commune-b1'],
    handling: 'commune-a1',
  },
];

/** Demo agencies and procedures; idempotent (looked up by identifier / national code). */
export const CATALOG_SEED: Seed = {
  name: 'catalog: agencies and procedures',
  async run(manager: EntityManager, log: (line: string) => void): Promise<void> {
    const agencies = new AgencyRepository(manager);
    const ids = new Map<string, string>();
    for (const agency of DEMO_AGENCIES) {
      const existing = await agencies.findByIdentifier(agency.identifier);
      const saved =
        existing ??
        (await agencies.createAgency({
          identifier: agency.identifier,
          name: agency.name,
          level: agency.level,
          parentId: agency.parent ? ids.get(agency.parent) : null,
          hasDesk: agency.hasDesk,
        }));
      ids.set(agency.key, saved.id);
      if (!existing) log(`agency ${agency.identifier} ${agency.name}`);
    }
    const procedures = new ProcedureRepository(manager);
    for (const { receiving, handling, participating, ...procedure } of DEMO_PROCEDURES) {
      if (await procedures.findByCode(procedure.code)) continue;
      await procedures.saveProcedure({
        ...procedure,
        legalTimeMinutes: legalTimeMinutes(procedure.legalTimeValue, procedure.legalTimeUnit),
        receivingAgencyIds: receiving.map((key) => ids.get(key) as string),
        handlingAgencyId: ids.get(handling) ?? null,
        participatingAgencyIds: (participating ?? []).map((key) => ids.get(key) as string),
      });
      log(`procedure ${procedure.code} ${procedure.name}`);
    }
  },
};

// File length: demo data: the catalog of agencies and procedures as one literal table.
