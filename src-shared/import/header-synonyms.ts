// What people call each field in their sheets (Chinese first, then English, ERP exports such as
// 金蝶/用友). Matching is done on normalised header text: lower case, no spaces or punctuation.

export type ImportTarget = 'customers' | 'contacts' | 'orders' | 'receipts' | 'products' | 'records';

export const HEADER_SYNONYMS: Record<ImportTarget, Record<string, readonly string[]>> = {
  customers: {
    name: [
      '客户名称',
      '客户',
      '公司名称',
      '公司',
      '单位名称',
      '单位',
      '企业名称',
      '客户全称',
      '名称',
      'customer',
      'customername',
      'company',
      'companyname',
      'name',
      'account',
    ],
    shortName: ['简称', '客户简称', '公司简称', 'shortname', 'alias'],
    code: ['客户编号', '客户编码', '编号', '编码', '客户代码', '代码', 'code', 'customercode', 'id', 'customerid', 'no'],
    kind: ['客户类型', '类型', '性质', 'type', 'kind'],
    industry: ['行业', '所属行业', 'industry'],
    storeCode: ['门店', '门店代码', '所属门店', 'store', 'storecode'],
    province: ['省份', '省', '所在省份', 'province', 'state'],
    city: ['城市', '市', '所在城市', 'city'],
    district: ['区县', '区', '县', 'district', 'county'],
    address: ['地址', '详细地址', '公司地址', '通讯地址', '联系地址', 'address', 'street'],
    phones: ['电话', '联系电话', '公司电话', '固话', '座机', '手机', '手机号', '移动电话', 'phone', 'tel', 'telephone', 'mobile'],
    email: ['邮箱', '电子邮件', '电子邮箱', 'email', 'mail', 'e-mail'],
    website: ['网站', '网址', '主页', 'website', 'url', 'web'],
    source: ['来源', '客户来源', '渠道', 'source', 'channel'],
    customerClass: ['客户等级', '等级', '客户级别', '级别', '分类', 'class', 'level', 'grade'],
    lifecycle: ['客户状态', '状态', '阶段', 'stage', 'status', 'lifecycle'],
    relationshipLevel: ['客情关系', '关系等级', '客情等级', 'relationship'],
    tags: ['标签', 'tags', 'tag'],
    colorLabel: ['颜色标签', '颜色', '标记颜色', 'color', 'colour'],
    ownerId: ['负责人', '客户经理', '业务员', '销售代表', '跟进人', 'owner', 'salesrep'],
    notes: ['备注', '说明', '附注', 'notes', 'remark', 'remarks', 'comment'],
    taxId: ['税号', '纳税人识别号', '统一社会信用代码', '信用代码', 'taxid', 'vat'],
    // A customer sheet can carry one contact per row (convert-row.ts carriedContact). Headers that
    // say "contact" are suggested here; a bare 联系人/手机/职务 only on a sheet with a 联系人 column
    // (inspect-source.ts carriedContactColumns), since a bare 手机 alone is the customer's phone.
    contactName: ['联系人姓名', '联系人名称', 'contactname', 'contactperson'],
    contactMobile: ['联系人手机', '联系人手机号', '联系手机', 'contactmobile'],
    contactTitle: ['联系人职务', '联系人职位', 'contacttitle'],
  },
  contacts: {
    customer: ['客户名称', '客户', '公司名称', '公司', '单位', '所属客户', 'customer', 'company'],
    customerCode: ['客户编号', '客户编码', 'customercode'],
    name: ['联系人', '姓名', '联系人姓名', 'contact', 'name', 'contactname'],
    title: ['职务', '职位', '头衔', 'title', 'position'],
    department: ['部门', 'department', 'dept'],
    mobile: ['手机', '手机号', '移动电话', 'mobile', 'cell'],
    phone: ['电话', '办公电话', '座机', 'phone', 'tel'],
    email: ['邮箱', '电子邮件', 'email', 'mail'],
    birthday: ['生日', '出生日期', 'birthday', 'birthdate', 'dob'],
    notes: ['备注', 'notes', 'remark'],
  },
  // One row per order line; rows with the same order number form one order.
  orders: {
    orderNo: ['订单号', '订单编号', '单号', '单据编号', '发票号', 'orderno', 'order', 'invoiceno', 'invoice'],
    orderDate: ['订单日期', '下单日期', '日期', '单据日期', 'orderdate', 'date', 'invoicedate'],
    customer: ['客户名称', '客户', '公司名称', '购货单位', 'customer', 'customername', 'company'],
    customerCode: ['客户编号', '客户编码', '客户代码', 'customercode', 'customerid'],
    productName: ['产品名称', '品名', '商品名称', '产品', '商品', '物料名称', 'product', 'productname', 'description', 'item'],
    productCode: ['产品编号', '产品编码', '货号', '物料编码', 'productcode', 'sku', 'stockcode'],
    quantity: ['数量', 'quantity', 'qty'],
    unitPrice: ['单价', '售价', '价格', 'unitprice', 'price'],
    discount: ['折扣', 'discount'],
    // The line amount (数量 × 单价 less the line's 折扣): shops and ERPs often give only this.
    // After 折扣, so "折扣金额" (a discount) is not taken for it.
    amount: [
      '金额',
      '销售金额',
      '行金额',
      '金额合计',
      '价税合计',
      '含税金额',
      '折后金额',
      '总价',
      '总金额',
      '小计',
      '合计',
      'amount',
      'lineamount',
      'linetotal',
      'totalprice',
      'total',
      'subtotal',
    ],
    // The order's own discount: "9折", "95%" or an amount, on any (or every) line of the order.
    orderDiscount: ['整单折扣', '整单优惠', '订单折扣', '订单优惠', '优惠金额', 'orderdiscount'],
    notes: ['备注', 'notes', 'remark'],
  },
  // One row per receipt (收款); the customer comes from its own columns or from the order.
  receipts: {
    receiptDate: ['收款日期', '到账日期', '回款日期', '日期', '单据日期', 'receiptdate', 'paymentdate', 'date'],
    amount: ['收款金额', '回款金额', '到账金额', '金额', '实收金额', 'amount', 'paid', 'payment'],
    method: ['收款方式', '付款方式', '结算方式', '方式', 'method', 'paymentmethod'],
    orderNo: ['订单号', '订单编号', '关联订单', '源单号', 'orderno', 'order', 'invoiceno'],
    customer: ['客户名称', '客户', '公司名称', '付款单位', '付款人', 'customer', 'customername', 'company', 'payer'],
    customerCode: ['客户编号', '客户编码', '客户代码', 'customercode', 'customerid'],
    notes: ['备注', '摘要', '说明', 'notes', 'remark', 'memo'],
  },
  products: {
    code: ['产品编号', '产品编码', '货号', '物料编码', '编号', 'code', 'sku', 'stockcode'],
    name: ['产品名称', '品名', '商品名称', '名称', 'name', 'product', 'description'],
    category: ['类别', '分类', '产品类别', 'category'],
    unit: ['单位', '计量单位', 'unit', 'uom'],
    price: ['单价', '售价', '价格', '销售价', 'price', 'unitprice'],
    cost: ['成本', '成本价', '进价', 'cost'],
    notes: ['备注', 'notes', 'remark'],
  },
  // Records of a business type: these built-in fields, plus the type's own fields by their labels.
  records: {
    title: ['标题', '主题', '事项', '记录标题', '名称', 'title', 'subject'],
    status: ['状态', '阶段', '进度', '处理状态', 'status', 'stage'],
    customer: ['客户名称', '客户', '公司名称', '公司', '单位', '所属客户', 'customer', 'customername', 'company'],
    customerCode: ['客户编号', '客户编码', '客户代码', 'customercode', 'customerid'],
    contact: ['联系人', '联系人姓名', '客户联系人', 'contact', 'contactname'],
    employeeId: ['负责人', '业务员', '跟进人', '经办人', '销售代表', '客户经理', 'owner', 'staff', 'employee', 'salesrep'],
  },
};

export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()（）:：*＊.]/g, '');
}

/** The target field a header most likely means, or null. Exact synonym first, then containment. */
export function suggestField(target: ImportTarget, header: string): string | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const table = HEADER_SYNONYMS[target];
  for (const [field, names] of Object.entries(table)) if (names.some((n) => normaliseHeader(n) === h)) return field;
  for (const [field, names] of Object.entries(table))
    if (names.some((n) => normaliseHeader(n).length >= 2 && h.includes(normaliseHeader(n)))) return field;
  return null;
}
