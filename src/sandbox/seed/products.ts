// The new-commerce products the sandbox sells: real product ids and titles where the docs show
// them, plausible ones otherwise. Everything random (availability ids, term ids, provisioning ids)
// is drawn later from the seeded PRNG; this table holds only the fixed facts.
import type { Market, Segment } from '../model/catalog.js';

export const MARKETS: readonly Market[] = [
  { country: 'US', currency: { code: 'USD', symbol: '$' } },
  { country: 'DE', currency: { code: 'EUR', symbol: '€' } },
  { country: 'FR', currency: { code: 'EUR', symbol: '€' } },
];

/** EU markets get the "(no Teams)" suites that Microsoft sells there. */
const EU = ['DE', 'FR'] as const;
const BOTH: readonly Segment[] = ['commercial', 'education'];
const EDU: readonly Segment[] = ['education'];

export interface SkuSpec {
  readonly id: string;
  /** Appended to the product title. */
  readonly suffix?: string;
  readonly trial?: true;
  /** Default: commercial only. */
  readonly segments?: readonly Segment[];
  /** Default: every market. */
  readonly countries?: readonly string[];
  /** `country/segment` pairs whose availability is listed but not purchasable. */
  readonly notPurchasableIn?: readonly string[];
  /** Makes this SKU an add-on that needs one of these `product:sku` base SKUs. */
  readonly prerequisiteSkus?: readonly string[];
}

export interface ProductSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly maximumQuantity: number;
  /** Offers P3Y terms (annual and triennial billing). */
  readonly triennial?: true;
  readonly upgradeTargetOffers?: readonly string[];
  readonly skus: readonly SkuSpec[];
}

/** Availability ids that appear in the docs samples, kept so documented catalogItemIds resolve. */
export const DOCUMENTED_AVAILABILITY_IDS: Readonly<Record<string, string>> = {
  'CFQ7TTC0LH18:0001:US:commercial': 'CFQ7TTC0K971',
  'CFQ7TTC0LH0Z:0001:US:commercial': 'CFQ7TTC0K18P',
  'CFQ7TTC0LFLS:0002:US:commercial': 'CFQ7TTC0KDLJ',
  'CFQ7TTC0HL8W:0001:US:commercial': 'CFQ7TTC0K59S',
};

const noTeams = { id: '0002', suffix: ' (no Teams)', countries: EU } as const;
const trial = (id: string): SkuSpec => ({ id, suffix: ' Trial', trial: true });
const faculty = { id: '0004', suffix: ' (Education Faculty Pricing)', segments: EDU } as const;
const BUSINESS = 300;
const ENTERPRISE = 10000;

export const PRODUCTS: readonly ProductSpec[] = [
  { id: 'CFQ7TTC0LH18', title: 'Microsoft 365 Business Basic', maximumQuantity: BUSINESS,
    description: 'Best for businesses that need professional email, cloud file storage, and online meetings & chat.',
    upgradeTargetOffers: ['CFQ7TTC0LDPB:0001', 'CFQ7TTC0LF8Q:0001'],
    skus: [{ id: '0001' }, noTeams, trial('0003')] },
  { id: 'CFQ7TTC0LDPB', title: 'Microsoft 365 Business Standard', maximumQuantity: BUSINESS,
    description: 'Everything in Business Basic, plus desktop versions of Microsoft 365 apps with premium features.',
    upgradeTargetOffers: ['CFQ7TTC0LCHC:0001', 'CFQ7TTC0LFLX:0001'],
    skus: [{ id: '0001' }, noTeams, trial('0003')] },
  { id: 'CFQ7TTC0LCHC', title: 'Microsoft 365 Business Premium', maximumQuantity: BUSINESS,
    description: 'Everything in Business Standard, plus advanced security, access and data control, and cyberthreat protection.',
    upgradeTargetOffers: ['CFQ7TTC0LFLX:0001', 'CFQ7TTC0LFLZ:0001'],
    skus: [{ id: '0001' }, noTeams, trial('0003')] },
  { id: 'CFQ7TTC0LF8Q', title: 'Office 365 E3', maximumQuantity: ENTERPRISE, triennial: true,
    description: 'Productivity apps and cloud services for the enterprise, with email, file storage and compliance tools.',
    upgradeTargetOffers: ['CFQ7TTC0LFLX:0001'],
    skus: [{ id: '0001' }, noTeams, faculty] },
  { id: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3', maximumQuantity: ENTERPRISE, triennial: true,
    description: 'Office 365 E3 plus Windows Enterprise and Enterprise Mobility + Security for the whole organisation.',
    upgradeTargetOffers: ['CFQ7TTC0LFLZ:0001'],
    skus: [{ id: '0001' }, noTeams, faculty] },
  { id: 'CFQ7TTC0LFLZ', title: 'Microsoft 365 E5', maximumQuantity: ENTERPRISE, triennial: true,
    description: 'The most complete Microsoft 365 suite, with advanced security, compliance, voice and analytics.',
    skus: [{ id: '0001' }, noTeams, trial('0003')] },
  { id: 'CFQ7TTC0MBMD', title: 'Microsoft Teams Enterprise', maximumQuantity: ENTERPRISE,
    description: 'Chat, meetings, calling and collaboration for enterprise suites purchased without Teams.',
    skus: [{ id: '0001', segments: BOTH }] },
  { id: 'CFQ7TTC0LH16', title: 'Exchange Online (Plan 1)', maximumQuantity: ENTERPRISE,
    description: 'Business-class email, calendar and contacts with a 50 GB mailbox per user.',
    upgradeTargetOffers: ['CFQ7TTC0LH18:0001'],
    skus: [{ id: '0001', segments: BOTH }] },
  { id: 'CFQ7TTC0L3PB', title: 'Power BI Pro', maximumQuantity: ENTERPRISE,
    description: 'Self-service analytics to publish and share reports and dashboards across the organisation.',
    upgradeTargetOffers: ['CFQ7TTC0HL8W:0001'],
    skus: [{ id: '0001', segments: BOTH }, trial('0002')] },
  { id: 'CFQ7TTC0HL8W', title: 'Power BI Premium Per User', maximumQuantity: ENTERPRISE,
    description: 'Power BI Pro capabilities plus paginated reports, AI and larger models, licensed per user.',
    skus: [
      { id: '0001', segments: BOTH },
      { id: '0002', suffix: ' Add-On', prerequisiteSkus: ['CFQ7TTC0L3PB:0001'] },
    ] },
  { id: 'CFQ7TTC0MCQB', title: 'Microsoft Defender for Endpoint P1', maximumQuantity: ENTERPRISE,
    description: 'Next-generation antimalware, attack surface reduction and device-based conditional access.',
    skus: [{ id: '0001', segments: BOTH }] },
  { id: 'CFQ7TTC0HD33', title: 'Visio Plan 2', maximumQuantity: ENTERPRISE,
    description: 'Professional diagramming with the Visio desktop app, web app and advanced templates.',
    skus: [{ id: '0001' }, trial('0002')] },
  { id: 'CFQ7TTC0HDB1', title: 'Project Plan 3', maximumQuantity: ENTERPRISE,
    description: 'Project management with resource planning, scheduling and the Project desktop client.',
    skus: [{ id: '0001', notPurchasableIn: ['DE/commercial'] }, faculty] },
  { id: 'CFQ7TTC0LFLS', title: 'Microsoft Entra ID P1', maximumQuantity: ENTERPRISE,
    description: 'Identity and access management with conditional access and hybrid identity (formerly Azure Active Directory Premium P1).',
    skus: [{ id: '0002', segments: BOTH }] },
  { id: 'CFQ7TTC0LH0Z', title: 'AI Builder Capacity add-on', maximumQuantity: ENTERPRISE,
    description: 'Adds AI Builder service credits to a tenant for building AI models in Power Platform.',
    skus: [{ id: '0001', prerequisiteSkus: ['CFQ7TTC0LCHC:0001', 'CFQ7TTC0LFLX:0001', 'CFQ7TTC0LFLZ:0001'] }] },
  { id: 'CFQ7TTC0J1FV', title: 'Microsoft Teams Phone Standard', maximumQuantity: ENTERPRISE,
    description: 'Cloud-based phone system add-on for Teams: calling, call queues and auto attendants.',
    skus: [{ id: '0001', segments: BOTH,
      prerequisiteSkus: ['CFQ7TTC0LH18:0001', 'CFQ7TTC0LDPB:0001', 'CFQ7TTC0LCHC:0001', 'CFQ7TTC0LF8Q:0001', 'CFQ7TTC0LFLX:0001', 'CFQ7TTC0MBMD:0001'] }] },
];

/** Trial SKUs ship a fixed seat count, as Microsoft's NCE trials do. */
export const TRIAL_QUANTITY = 25;
