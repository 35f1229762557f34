// Vocabulary for demo company names: 区域 + 字号 + 行业 + 组织形式, the way Chinese companies
// are registered (广州 + 华信 + 电子科技 + 有限公司).

/** Characters that make up 字号 (brand names); two of them give thousands of plausible brands. */
export const BRAND_FIRST: readonly string[] = [
  '华', '恒', '鑫', '盛', '宏', '达', '利', '泰', '兴', '源', '通', '美', '嘉', '瑞', '德', '昌',
  '富', '荣', '中', '天', '海', '金', '新', '永', '鼎', '汇', '博', '创', '远', '凯', '正', '欣',
  '安', '辉', '伟', '丰', '顺', '明', '光', '腾', '翔', '诚', '信', '万', '佳', '和', '百', '联',
  '星', '润', '志', '广', '东', '南', '北', '卓', '晨', '锦', '浩', '宇', '益', '康', '亿', '力',
];
export const BRAND_SECOND: readonly string[] = [
  '信', '达', '通', '源', '泰', '盛', '兴', '华', '利', '丰', '发', '成', '隆', '昌', '森', '科',
  '创', '能', '宇', '鸿', '辉', '恒', '远', '航', '威', '峰', '阳', '胜', '瑞', '祥', '安', '康',
  '德', '业', '贸', '洋', '邦', '诺', '驰', '特', '美', '嘉', '迅', '拓', '捷', '越', '弘', '凯',
];

/** 行业 words in names, each with the industry it files under and a short latin tag for domains. */
export interface TradeWord {
  word: string;
  industry: string;
  /** Used in demo web addresses (huaxin-tech.com). */
  tag: string;
}

export const TRADES: readonly TradeWord[] = [
  { word: '电子科技', industry: '电子电器', tag: 'tech' },
  { word: '电子', industry: '电子电器', tag: 'elec' },
  { word: '光电科技', industry: '电子电器', tag: 'opto' },
  { word: '电气', industry: '电子电器', tag: 'electric' },
  { word: '机械设备', industry: '机械制造', tag: 'machinery' },
  { word: '精密机械', industry: '机械制造', tag: 'precision' },
  { word: '五金制品', industry: '机械制造', tag: 'hardware' },
  { word: '汽车配件', industry: '汽车及零部件', tag: 'auto' },
  { word: '模具', industry: '机械制造', tag: 'mould' },
  { word: '仪器仪表', industry: '仪器仪表', tag: 'instrument' },
  { word: '贸易', industry: '批发零售', tag: 'trade' },
  { word: '商贸', industry: '批发零售', tag: 'trading' },
  { word: '进出口', industry: '批发零售', tag: 'impexp' },
  { word: '供应链管理', industry: '物流仓储', tag: 'scm' },
  { word: '物流', industry: '物流仓储', tag: 'logistics' },
  { word: '软件', industry: '信息技术', tag: 'soft' },
  { word: '信息技术', industry: '信息技术', tag: 'it' },
  { word: '网络科技', industry: '信息技术', tag: 'net' },
  { word: '通信设备', industry: '通信', tag: 'telecom' },
  { word: '建材', industry: '建筑建材', tag: 'build' },
  { word: '建筑工程', industry: '建筑建材', tag: 'construction' },
  { word: '装饰工程', industry: '建筑建材', tag: 'deco' },
  { word: '食品', industry: '食品饮料', tag: 'food' },
  { word: '饮料', industry: '食品饮料', tag: 'drinks' },
  { word: '农业科技', industry: '农林牧渔', tag: 'agri' },
  { word: '生物科技', industry: '医药医疗', tag: 'bio' },
  { word: '医疗器械', industry: '医药医疗', tag: 'medical' },
  { word: '医药', industry: '医药医疗', tag: 'pharma' },
  { word: '化工', industry: '化工', tag: 'chem' },
  { word: '塑胶制品', industry: '化工', tag: 'plastic' },
  { word: '新材料', industry: '化工', tag: 'material' },
  { word: '纺织', industry: '纺织服装', tag: 'textile' },
  { word: '服饰', industry: '纺织服装', tag: 'fashion' },
  { word: '家具', industry: '家居用品', tag: 'furniture' },
  { word: '印刷包装', industry: '印刷包装', tag: 'pack' },
  { word: '环保科技', industry: '环保', tag: 'eco' },
  { word: '新能源', industry: '能源', tag: 'energy' },
  { word: '文化传媒', industry: '文化传媒', tag: 'media' },
  { word: '广告', industry: '文化传媒', tag: 'ad' },
  { word: '教育科技', industry: '教育培训', tag: 'edu' },
  { word: '餐饮管理', industry: '餐饮酒店', tag: 'catering' },
  { word: '酒店管理', industry: '餐饮酒店', tag: 'hotel' },
  { word: '物业管理', industry: '房地产', tag: 'property' },
  { word: '人力资源', industry: '商务服务', tag: 'hr' },
  { word: '企业管理咨询', industry: '商务服务', tag: 'consulting' },
];

/** 组织形式 with how often each appears. */
export const LEGAL_FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 62],
  ['股份有限公司', 12],
  ['有限责任公司', 10],
  ['集团有限公司', 4],
  ['厂', 5],
  ['商行', 3],
  ['经营部', 4],
];

/** Industries of individual customers (个体户, sole traders and private buyers). */
export const INDIVIDUAL_INDUSTRIES: readonly string[] = ['批发零售', '餐饮酒店', '个人消费', '农林牧渔', '商务服务'];

export const SOURCES: readonly (readonly [string, number])[] = [
  ['展会', 14],
  ['网络推广', 16],
  ['老客户介绍', 18],
  ['电话营销', 12],
  ['陌生拜访', 8],
  ['招投标', 5],
  ['官网咨询', 9],
  ['行业协会', 4],
  ['合作伙伴推荐', 6],
  ['微信公众号', 5],
  ['阿里巴巴', 3],
];

export const TAGS: readonly string[] = [
  '重点客户', '长期合作', '价格敏感', '需回访', '大客户', '潜力客户', '政府采购', '外贸', '已签约',
  '样品已寄', '待报价', 'VIP', '年度框架', '账期客户', '现款客户', '竞品在用', '决策链长', '有投诉',
];

export const PRODUCTS: readonly string[] = [
  '标准件', '定制方案', '年度维保服务', '新款设备', '软件系统', '耗材', '原材料', '检测服务', '配件', '代工服务',
];

export const FAIRS: readonly string[] = ['广交会', '华交会', '高交会', '工博会', '进博会', '消博会', '行业展', '采购节'];

/** Company web and mail domains end like this. */
export const DOMAIN_SUFFIXES: readonly (readonly [string, number])[] = [
  ['.com', 60],
  ['.cn', 20],
  ['.com.cn', 20],
];
