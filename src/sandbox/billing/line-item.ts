// A charge as a new-commerce reconciliation line (OneTimeInvoiceLineItem, reference §2.6, sample
// §6.9): the sample's field set and order, with its numbers as strings exactly as it writes them.
// Lines are rendered on demand from charges, so an invoice of thousands of lines holds only the
// compact charges in memory.
import { midnight, timestamp } from '../dates.js';
import type { Catalog } from '../model/catalog.js';
import { termHasCycle } from '../model/billing-cycle.js';
import type { CustomerStore } from '../model/customer.js';
import type { OneTimeInvoiceLineItem } from '../model/invoice.js';
import { keyedGuid } from '../random.js';
import { centsText, chargeAmounts, decimalText } from './amounts.js';
import type { Charge } from './charges.js';

/** The partner whose invoices these are. */
export interface PartnerIdentity {
  readonly partnerId: string;
  readonly mpnId: string;
}

export interface LineContext {
  readonly seed: number;
  readonly partner: PartnerIdentity;
  readonly customers: CustomerStore;
  readonly catalog: Catalog;
}

const PRICE_ADJUSTMENTS = JSON.stringify(['Price for given billing period', 'Price for given term']);

/** `invoiceNumber` is "" for unbilled lines. */
export function lineItemView(c: Charge, ctx: LineContext, invoiceNumber: string): OneTimeInvoiceLineItem {
  const s = c.subject;
  const customer = ctx.customers.get(s.customerId);
  const product = ctx.catalog.product(s.productId);
  const sku = ctx.catalog.sku(s.productId, s.skuId);
  const term = ctx.catalog.availability(s.availabilityId)?.terms.find((t) => t.duration === s.termDuration && termHasCycle(t.billingCycle, s.billingCycle));
  const money = chargeAmounts(c);
  const unitPrice = centsText(money.unitCents);
  // Period charges start on the period's first day, as sample §6.9's do; a change is charged from
  // the moment it was made, prorated to the period's end.
  const byPeriod = c.type === 'new' || c.type === 'renew' || c.type === 'cycleCharge';
  const rateDate = new Date(c.at);
  return {
    partnerId: ctx.partner.partnerId,
    customerId: s.customerId,
    customerName: customer?.companyProfile.companyName ?? '',
    customerDomainName: customer?.companyProfile.domain ?? '',
    customerCountry: s.country,
    invoiceNumber,
    mpnId: ctx.partner.mpnId,
    // A direct-bill partner: no indirect reseller (sample §6.9 writes "0").
    resellerMpnId: '0',
    orderId: s.orderId,
    orderDate: timestamp(s.orderCreatedAt),
    productId: s.productId,
    skuId: s.skuId,
    availabilityId: s.availabilityId,
    productName: product?.title ?? '',
    skuName: sku?.title ?? '',
    productQualifiers: [...(sku?.isTrial ? ['Trial'] : []), ...(sku?.dynamicAttributes.isAddon ? ['AddOn'] : [])],
    chargeType: c.type,
    unitPrice,
    // No promotions or partner discounts are simulated: the effective price is the list price.
    effectiveUnitPrice: unitPrice,
    unitType: '',
    quantity: String(c.quantity),
    subtotal: centsText(money.subtotalCents),
    taxTotal: centsText(money.taxCents),
    totalForCustomer: centsText(money.totalCents),
    currency: s.currencyCode,
    publisherName: 'Microsoft Corporation',
    publisherId: '',
    subscriptionDescription: s.friendlyName,
    subscriptionId: s.subscriptionId,
    subscriptionStartDate: midnight(c.termStart),
    subscriptionEndDate: midnight(c.termEnd),
    chargeStartDate: byPeriod ? midnight(c.start) : timestamp(c.start),
    chargeEndDate: midnight(c.end),
    termAndBillingCycle: term?.description ?? '',
    alternateId: s.orderId,
    referenceId: keyedGuid(`${ctx.seed}/line/${s.subscriptionId}/${c.type}/${c.at}`),
    priceAdjustmentDescription: PRICE_ADJUSTMENTS,
    discountDetails: '',
    pricingCurrency: s.currencyCode,
    pcToBCExchangeRate: '1',
    // Sample §6.9: the first day of the charge's month, without a zone designator.
    pcToBCExchangeRateDate: `${rateDate.toISOString().slice(0, 8)}01T00:00:00`,
    billableQuantity: decimalText(money.billableQuantity),
    meterDescription: '',
    billingFrequency: frequency(s.billingCycle),
    reservationOrderId: keyedGuid(`${ctx.seed}/reservation/${s.orderId}`),
    invoiceLineItemType: 'billing_line_items',
    billingProvider: 'one_time',
    promotionId: s.promotionId ?? '',
    attributes: { objectType: 'OneTimeInvoiceLineItem' },
  };
}

/** "Monthly", "Annual", "Triennial": PascalCase, like the other plain-string billing fields (reference §1.5). */
function frequency(cycle: string): string {
  return cycle === 'one_time' || cycle === 'none' ? '' : `${cycle.charAt(0).toUpperCase()}${cycle.slice(1)}`;
}
