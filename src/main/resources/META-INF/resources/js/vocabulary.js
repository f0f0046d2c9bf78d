'use strict';
// The words of the API's request and response formats (contract v1), in Chinese: the labels of the
// record's fields and of the contract's fixed codes. No policy lives here: which fields a form asks for
// follows the items the loaded rules publish (their @record metadata), and what an item, a level or an
// article is called comes from the rules through the API.

/** The record's blocks: a block is sent whole or not at all (an absent block is "not inspected"). */
const BLOCKS = {
  'site.enclosure': [
    ['perimeterM', 'number', '工地周长', '米'],
    ['enclosedM', 'number', '连续硬质围挡长度', '米'],
    ['minHeightM', 'number', '围挡最低处高度', '米'],
    ['alongMainRoad', 'bool', '沿城市主干道'],
  ],
  'site.stockpiles': [['count', 'number', '物料堆总数', '处'], ['covered', 'number', '已覆盖或密闭', '处']],
  'site.bareSoil': [['areaM2', 'number', '裸露地面面积', 'm²'], ['coveredM2', 'number', '已覆盖、绿化或硬化', 'm²']],
  'site.washing': [
    ['facilityInstalled', 'bool', '设有车辆冲洗设施'],
    ['vehiclesLeaving', 'number', '驶出车辆', '辆'],
    ['vehiclesWashed', 'number', '经冲洗的车辆', '辆'],
    ['mudOnRoad', 'bool', '车辆带泥上路'],
  ],
  'site.roads': [['areaM2', 'number', '场内道路及出入口面积', 'm²'], ['hardenedM2', 'number', '已硬化面积', 'm²']],
  'site.wetWork': [['dustyOperations', 'number', '易扬尘作业', '处'], ['wetOperations', 'number', '湿法作业', '处']],
  'site.muckTrucks': [['count', 'number', '渣土车辆', '辆'], ['sealed', 'number', '密闭或覆盖的车辆', '辆']],
  'site.monitoring': [
    ['pm10MonitorInstalled', 'bool', 'PM10 在线监测已安装'],
    ['videoInstalled', 'bool', '视频监控已安装'],
    ['connected', 'bool', '已与监管平台联网'],
  ],
  'site.machinery': [
    ['count', 'number', '非道路移动机械', '台'],
    ['registered', 'number', '已编码登记', '台'],
    ['compliant', 'number', '排放及油品达标', '台'],
  ],
  'site.onSiteMixing': [['concrete', 'bool', '现场搅拌混凝土'], ['mortar', 'bool', '现场搅拌砂浆']],
  'enterprise.heavyDieselTrucksInUse': [
    ['cn4OrBelow', 'number', '国四及以下柴油货车', '辆'],
    ['cn5', 'number', '国五柴油货车', '辆'],
    ['cn6', 'number', '国六柴油货车', '辆'],
    ['electric', 'number', '电动货车', '辆'],
  ],
  'enterprise.autoMonitoring': [
    ['required', 'bool', '应安装自动监测设备'],
    ['installed', 'bool', '已安装'],
    ['connected', 'bool', '已联网'],
  ],
};

/** Single fields of the record, outside any block. */
const SINGLES = {
  'site.activities': ['activities', '检查时正在进行的作业'],
  'site.nightWork': ['bool', '有夜间施工的其他证据（举报、视频等）'],
  'site.pm10HourlyUgM3': ['number', 'PM10 小时浓度', 'µg/m³'],
  'enterprise.emissionsExceedStandard': ['bool', '超标排放'],
  'enterprise.productionLoadPercent': ['number', '检查时生产负荷', '%'],
  'enterprise.plan': ['plan', '一厂一策应急方案'],
  inspectedAt: ['time', '检查时间'],
};

const ACTIVITIES = {
  EARTHWORK: '土方作业',
  DEMOLITION: '拆除作业',
  MUCK_TRANSPORT: '渣土运输',
  OUTDOOR_SPRAY_PAINTING: '室外喷涂',
  SLOPE_SHOTCRETE: '边坡喷浆',
  CONCRETE_MIXING: '混凝土搅拌',
  OUTDOOR_CONSTRUCTION: '室外施工',
};

const ORDER_TYPES = {
  STOP_ACTIVITY: '停止作业',
  STOP_WORK: '全面停工',
  RECTIFY: '限期整改',
  LIMIT_PRODUCTION: '限产',
  STOP_PRODUCTION: '停产',
  STOP_HEAVY_DIESEL_TRANSPORT: '停用重型柴油货车',
  STOP_MATERIAL_TRANSPORT: '停止物料运输',
  SELF_DETERMINED: '自主减排',
  INTENSIFY_DUST_CONTROL: '加强扬尘管控',
};

const PENALTY_MEASURES = {
  ORDER_CORRECTION: '责令改正',
  STOP_WORK_RECTIFICATION: '责令停工整治',
  STOP_PRODUCTION_RECTIFICATION: '停产整治',
  DAILY_CONTINUOUS_PENALTY: '按日连续处罚',
  BLACKLIST: '企业环保信用黑名单',
  REMOVE_FROM_KEY_PROJECT_LIST: '移出重点项目清单',
  REFER_TO_POLICE: '移送公安机关',
  VEHICLE_OFF_ROAD: '车辆不得上路',
};

const GRADES = {
  A: 'A 级',
  LEADING: '引领性',
  B: 'B 级',
  B_MINUS: 'B- 级',
  C: 'C 级',
  D: 'D 级',
  UNGRADED: '未评级',
};

const ITEM_STATUS = { PASS: '符合', FAIL: '不符合', NOT_INSPECTED: '未检查' };

function label(table, code) {
  return table[code] || code;
}

/** An order as a short phrase: "停止作业：土方作业", "限产 30%", "停用重型柴油货车：CN4 及以下". */
function orderLabel(o) {
  return label(ORDER_TYPES, o.type) + (o.activity ? '：' + label(ACTIVITIES, o.activity) : '')
    + (o.limitPercent != null ? ' ' + o.limitPercent + '%' : '')
    + (o.maxBannedStandard ? '：' + o.maxBannedStandard + ' 及以下' : '');
}
