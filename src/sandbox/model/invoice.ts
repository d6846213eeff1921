// Invoices as the sandbox stores them, and the wire shapes of invoices and new-commerce
// reconciliation lines (reference §2.6, samples §6.8 and §6.9).
import type { Link } from '../links.js';
import type { Market } from './catalog.js';

/** One monthly OneTime invoice: its lines are the charges of its month in its currency. */
export interface InvoiceRecord {
  /** Modern format: G and nine digits (reference §1.5). */
  readonly id: string;
  readonly currency: Market['currency'];
  readonly invoiceDate: number;
  readonly periodStart: number;
  /** The billing month's last day, midnight. */
  readonly periodEnd: number;
  /** The newest month is not paid yet. */
  readonly paid: boolean;
}

export interface InvoiceDetail {
  invoiceLineItemType: 'billing_line_items';
  billingProvider: 'one_time';
  links: { self: Link };
  attributes: { objectType: 'InvoiceDetail' };
}

export interface InvoiceResource {
  id: string;
  invoiceDate: string;
  billingPeriodStartDate: string;
  billingPeriodEndDate: string;
  totalCharges: number;
  paidAmount: number;
  currencyCode: string;
  currencySymbol: string;
  /** Only when fetched by id (reference §2.6). */
  pdfDownloadLink?: string;
  invoiceDetails: InvoiceDetail[];
  documentType: 'invoice';
  invoiceType: 'OneTime';
  links: { self: Link };
  attributes: { objectType: 'Invoice' };
}

/** Sample §6.9's field set; its numbers are decimal strings. */
export interface OneTimeInvoiceLineItem {
  partnerId: string;
  customerId: string;
  customerName: string;
  customerDomainName: string;
  customerCountry: string;
  invoiceNumber: string;
  mpnId: string;
  resellerMpnId: string;
  orderId: string;
  orderDate: string;
  productId: string;
  skuId: string;
  availabilityId: string;
  productName: string;
  skuName: string;
  productQualifiers: string[];
  chargeType: string;
  unitPrice: string;
  effectiveUnitPrice: string;
  unitType: string;
  quantity: string;
  subtotal: string;
  taxTotal: string;
  totalForCustomer: string;
  currency: string;
  publisherName: string;
  publisherId: string;
  subscriptionDescription: string;
  subscriptionId: string;
  subscriptionStartDate: string;
  subscriptionEndDate: string;
  chargeStartDate: string;
  chargeEndDate: string;
  termAndBillingCycle: string;
  alternateId: string;
  referenceId: string;
  priceAdjustmentDescription: string;
  discountDetails: string;
  pricingCurrency: string;
  pcToBCExchangeRate: string;
  pcToBCExchangeRateDate: string;
  billableQuantity: string;
  meterDescription: string;
  billingFrequency: string;
  reservationOrderId: string;
  invoiceLineItemType: 'billing_line_items';
  billingProvider: 'one_time';
  promotionId: string;
  attributes: { objectType: 'OneTimeInvoiceLineItem' };
}
