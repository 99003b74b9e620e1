/** Words the demo city is made of: common surnames of Wenzhou, given-name characters, firms. */

export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 12],
  ['林', 9],
  ['黄', 6],
  ['王', 6],
  ['张', 5],
  ['李', 5],
  ['吴', 4],
  ['郑', 4],
  ['周', 3],
  ['徐', 3],
  ['潘', 3],
  ['金', 3],
  ['胡', 3],
  ['叶', 3],
  ['朱', 2],
  ['杨', 2],
  ['刘', 2],
  ['赵', 2],
  ['谢', 2],
  ['郭', 2],
  ['蔡', 2],
  ['章', 2],
  ['项', 1],
  ['池', 1],
  ['麻', 1],
  ['戴', 1],
  ['孙', 1],
  ['钱', 1],
  ['余', 1],
  ['薛', 1],
  ['董', 1],
  ['应', 1],
  ['季', 1],
  ['卢', 1],
  ['诸葛', 0.2],
  ['欧阳', 0.2],
];

export const GIVEN_MALE = '伟强磊军勇杰涛斌浩鹏志明建华国栋宇辉俊晨博文凯峰晓海东亮诚忠';
export const GIVEN_FEMALE = '芳娜敏静丽艳娟霞燕琳婷雪慧颖倩蓉洁怡晶玲瑶萍红梅佳欣悦蕾';

export const FIRM_PREFIXES = ['瓯江', '东海', '鹿城', '江心', '雁荡', '楠溪', '南麂', '飞云', '时代', '华东', '海峡', '瑞丰', '正泰', '金瓯'];
export const FIRM_SUFFIX_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  PRIVATE_TECH: ['科技有限公司', '信息技术有限公司', '电子科技有限公司', '智能装备有限公司', '生物科技有限公司'],
  FOREIGN_ENTERPRISE: ['(中国)有限公司', '国际贸易有限公司', '中外合资有限公司'],
  SELF_EMPLOYED: ['鞋店', '服装店', '五金店', '小吃店', '眼镜店', '数码维修部'],
  PRIVATE_BUSINESS_OWNER: ['鞋业有限公司', '服饰有限公司', '电器有限公司', '阀门有限公司', '眼镜有限公司', '印刷有限公司'],
  INTERMEDIARY: ['律师事务所', '会计师事务所', '税务师事务所', '资产评估有限公司'],
  FREELANCER: ['文化工作室', '经纪工作室', '设计工作室'],
};

/** Intermediaries work in a firm of their own profession. */
export const FIRM_SUFFIX_BY_PROFESSION: Readonly<Record<string, string>> = {
  LAWYER: '律师事务所',
  CERTIFIED_PUBLIC_ACCOUNTANT: '会计师事务所',
  TAX_AGENT: '税务师事务所',
  ASSET_APPRAISER: '资产评估有限公司',
};

export const POSITIONS_BY_PROFESSION: Readonly<Record<string, readonly string[]>> = {
  ENTREPRENEUR: ['董事长', '总经理', '创始人'],
  TECHNICAL_STAFF: ['工程师', '高级工程师', '技术总监'],
  MANAGER: ['总经理', '副总经理', '部门经理'],
  INDIVIDUAL_BUSINESS: ['经营者'],
  BUSINESS_OWNER: ['董事长', '总经理'],
  LAWYER: ['律师', '合伙人律师', '主任'],
  CERTIFIED_PUBLIC_ACCOUNTANT: ['注册会计师', '合伙人'],
  TAX_AGENT: ['税务师'],
  ASSET_APPRAISER: ['资产评估师'],
  FREELANCE_WRITER: ['撰稿人'],
  BROKER: ['经纪人'],
  OTHER: ['职员'],
};

export const COMMUNITY_WORDS = ['锦绣', '新城', '南塘', '江滨', '松台', '广化', '水心', '黄龙', '双屿', '蒲鞋市', '百里', '府前', '滨海', '翠微', '状元', '永中'];

export const RETURNEE_COUNTRIES = ['美国', '英国', '澳大利亚', '日本', '德国', '法国', '意大利', '加拿大', '新加坡', '荷兰'];

/** Relative numbers of the register per district (roughly by population). */
export const DISTRICT_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['330302', 16],
  ['330303', 8],
  ['330304', 10],
  ['330305', 2],
  ['330324', 8],
  ['330326', 8],
  ['330327', 7],
  ['330328', 3],
  ['330329', 3],
  ['330381', 13],
  ['330382', 13],
  ['330383', 5],
];

/** Region codes on ID numbers of people registered here: mostly local, some retired or from elsewhere. */
export const FOREIGN_REGION_CODES = ['330321', '330322', '330106', '330203', '310104', '320102', '350102', '362502', '420106', '510104', '522401'];

/** A date `YYYY-MM-DD` from its parts. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The name of a working unit of a place (温州市, 鹿城区 …): a party committee's department is
 * 中共温州市委统战部 / 中共鹿城区委组织部; a government bureau or federation keeps the place
 * name only (温州市民政局, 鹿城区工商联).
 */
export function unitName(place: string, unit: string): string {
  return unit.endsWith('部') ? `中共${place}委${unit}` : `${place}${unit}`;
}
