// Vocabulary for demo people: surnames weighted roughly by how common they are, given-name
// characters, the departments of a customer's organisation and the titles found in each.

export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 55], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 20],
  ['吴', 20], ['周', 19], ['徐', 15], ['孙', 15], ['马', 13], ['朱', 13], ['胡', 12], ['郭', 11],
  ['何', 10], ['林', 10], ['高', 10], ['罗', 9], ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7],
  ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6], ['彭', 5], ['曾', 5],
  ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 3],
  ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3],
  ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 2], ['夏', 2],
  ['韦', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2],
  ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2],
  ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2],
  ['邵', 1], ['万', 1], ['钱', 1], ['严', 1], ['武', 1], ['戴', 1], ['莫', 1], ['孔', 1],
  ['欧阳', 1], ['司马', 0.3], ['诸葛', 0.2], ['上官', 0.3],
];

export const GIVEN_MALE: readonly string[] = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞',
  '鑫', '波', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '阳', '建国', '建华',
  '志强', '志明', '国强', '海涛', '晓东', '文杰', '子轩', '浩然', '宇航', '俊杰', '振华', '永强', '德明', '立新',
];

export const GIVEN_FEMALE: readonly string[] = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '玲', '燕', '洁', '婷', '雪', '琳', '晶',
  '慧', '颖', '倩', '丹', '萍', '红', '梅', '莉', '欣怡', '佳怡', '雨涵', '思琪', '晓燕', '丽娟', '秀兰', '桂英',
  '海燕', '春梅', '雅婷', '梦瑶', '诗涵', '紫涵',
];

/**
 * A customer's internal organisation: the root (总经办) and the departments that may hang under it,
 * each with the titles its people hold and, for some, typical sub-departments.
 */
export interface DepartmentKind {
  name: string;
  titles: readonly string[];
  children?: readonly string[];
}

export const ROOT_DEPARTMENT: DepartmentKind = { name: '总经办', titles: ['董事长', '总经理', '副总经理', '总经理助理', '办公室主任'] };

export const DEPARTMENTS: readonly DepartmentKind[] = [
  { name: '采购部', titles: ['采购经理', '采购主管', '采购专员', '采购总监'], children: ['采购一组', '战略采购组'] },
  { name: '财务部', titles: ['财务总监', '财务经理', '会计', '出纳'] },
  { name: '技术部', titles: ['技术总监', '工程师', '技术经理', '高级工程师'], children: ['研发中心', '测试组'] },
  { name: '销售部', titles: ['销售总监', '销售经理', '业务员'], children: ['华南区', '华东区', '华北区'] },
  { name: '行政部', titles: ['行政经理', '行政主管', '前台'] },
  { name: '人力资源部', titles: ['人事经理', '招聘专员'] },
  { name: '生产部', titles: ['生产经理', '厂长', '车间主任'], children: ['一车间', '二车间'] },
  { name: '质检部', titles: ['质量经理', '质检员'] },
  { name: '市场部', titles: ['市场总监', '市场专员', '品牌经理'] },
  { name: '仓储物流部', titles: ['仓库主管', '物流经理'] },
];

/** Our own staff (the workspace owner's sales team). */
export const EMPLOYEE_TITLES: readonly (readonly [string, number])[] = [
  ['客户经理', 6],
  ['销售代表', 5],
  ['销售经理', 3],
  ['销售总监', 1],
  ['客服专员', 2],
  ['售前工程师', 1],
];

/** Mainland mobile prefixes actually issued (China Mobile, Unicom, Telecom, Broadnet). */
export const MOBILE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182',
  '183', '184', '185', '186', '187', '188', '189', '191', '195', '198', '199',
];

export const FREE_MAIL: readonly (readonly [string, number])[] = [
  ['qq.com', 45],
  ['163.com', 25],
  ['126.com', 10],
  ['sina.com', 6],
  ['139.com', 6],
  ['foxmail.com', 5],
  ['outlook.com', 3],
];
