import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { en } from '../../../src-renderer/i18n/en';
import { importEn } from '../../../src-renderer/i18n/import.en';
import { importZhCN } from '../../../src-renderer/i18n/import.zh-CN';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { problemSentence } from '../../../src-renderer/import/import-fields';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// The check step's problem table in words: each problem names the row, the field, the value as
// the sheet had it and what is wrong with it — never a JSON list of the row's values.

const im = importBench();

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  const make = async (lng: string) => {
    const instance = i18next.createInstance();
    await instance.init({
      lng,
      resources: { 'zh-CN': { translation: { ...zhCN, ...importZhCN } }, en: { translation: { ...en, ...importEn } } },
      interpolation: { escapeValue: false },
    });
    return instance.t;
  };
  zh = await make('zh-CN');
  english = await make('en');
});

describe('import problems in words', () => {
  it('a contact sheet (GBK CSV): the wrong mobile, a missing customer and an empty name read as sentences', async () => {
    createCustomer(im.ws, testUser, { name: '上海华信贸易有限公司' });
    const csv = [
      '客户名称,联系人,手机,邮箱',
      '上海华信贸易有限公司,王强,13912345678,wq@huaxin.cn',
      '上海华信贸易有限公司,李娜,12ab,lina@huaxin',
      '不存在的公司,张伟,13912345670,',
      '上海华信贸易有限公司,,13912345671,',
    ].join('\r\n');
    const path = im.gbkCsv('联系人.csv', csv);
    const report = await im.check(path, { target: 'contacts' });
    expect(report.problems).toEqual([
      { row: 3, field: 'mobile', code: 'phone', value: '12ab' },
      { row: 3, field: 'email', code: 'email', value: 'lina@huaxin' },
      { row: 4, field: 'customer', code: 'notFound', value: '不存在的公司' },
      { row: 5, field: 'name', code: 'required', value: '' },
    ]);
    expect(report.problems.map((p) => problemSentence(zh, 'contacts', p, []))).toEqual([
      '第 3 行 · 手机：‘12ab’ 不是手机号',
      '第 3 行 · 电子邮件：‘lina@huaxin’ 不是电子邮件地址',
      '第 4 行 · 所属客户：‘不存在的公司’ 在工作区中找不到',
      '第 5 行 · 姓名：必填项为空',
    ]);
    expect(problemSentence(english, 'contacts', report.problems[0]!, [])).toBe('Row 3 · Mobile: “12ab” is not a mobile number');
  });

  it('a customer workbook: one bad phone among several is named alone, an unknown option by its value; lists never read as JSON', async () => {
    const path = await im.xlsx(
      '客户.xlsx',
      [
        ['客户名称', '电话', '标签', '客户等级'],
        ['北京启明科技有限公司', '13812345678、12ab、010-62345678', '重点、华北', 'A'],
        ['广州天河商行', '020-83331234', '华南', 'Z类'],
        ['深圳南山贸易', '1.38123E+10', '', ''],
      ],
      '客户',
    );
    const report = await im.check(path, { target: 'customers' });
    expect(report.problems).toEqual([
      { row: 2, field: 'phones', code: 'phone', value: '12ab' },
      { row: 3, field: 'customerClass', code: 'unknownOption', value: 'Z类' },
      { row: 4, field: 'phones', code: 'phoneLost', value: '1.38123E+10' },
    ]);
    const sentences = report.problems.map((p) => problemSentence(zh, 'customers', p, []));
    expect(sentences).toEqual([
      '第 2 行 · 电话：‘12ab’ 不是电话号码',
      '第 3 行 · 客户分类：‘Z类’ 不在可选值中',
      '第 4 行 · 电话：‘1.38123E+10’ 电话号码已被 Excel 转成科学计数法，无法还原',
    ]);
    for (const p of report.problems) expect(p.value).not.toMatch(/^[[{"]/);
  });
});
