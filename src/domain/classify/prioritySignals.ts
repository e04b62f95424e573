// What makes a case urgent (P-8), as kinds of meaning rather than fixed phrases: how
// many are affected, whether a service is unavailable, data lost or exposed, money
// taken wrongly, people at risk, the law or the public invoked. Each kind is a few
// patterns in English and Chinese, read on normalised text (lower case, Simplified).
// The priority model weighs them with the words of the mail; a kind that fires is
// named in the case's timeline with the words that matched.

import { PERSONAL_DATA_REQUEST, personalDataAtStake } from './sensitiveData.js';

export interface PrioritySignal {
  id: string;
  /** What the signal means, for the timeline. */
  reason: string;
  /** Whether the signal alone makes a case high when no model has been trained. */
  urgentAlone: boolean;
  /** What finds it in normalised text: a pattern, or a reader of its own. */
  pattern: { exec(normalized: string): { 0: string } | null };
}

// Counts that mean "many": ten or more, or words for it (2 parcels of one order are not many).
const NUM = String.raw`(?:\d{2,}|\d+,\d{3}|(?:a )?dozens?|hundreds|thousands|several|many|multiple|all)`;
const NUM_ZH = String.raw`(?:\d{2,}|几十|[二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九几]?[百千万])`;
const PEOPLE_EN = String.raw`(?:people|lunches|meals|seats|licen[cs]es|endpoints|items|pieces|glasses|pallets|cartons|pharmacies|restaurants|schools|hospitals|surgeries|agents|drivers|packs|cases|crates|bags|cans|jars|sets|lines|numbers|sims|pupils|kiosks|chargers|tills|vehicles|specimens|samples|shipments|tablets|laptops|phones|routers|panels|bottles|boxes|users|customers|clients|students|staff|employees|colleagues|residents|neighbou?rs|stores|shops|branches|offices|sites|units|devices|terminals|machines|registers|locations|clinics|orders|parcels|packages|accounts|members|patients|households|families|merchants|sellers|teams|subscribers|guests)`;

// What customers keep with us: losing it is data loss.
const KEPT = String.raw`(?:invoices|receipts|copies|spreadsheets?|folders?|files?|photos?|pictures|data|records?|recordings?|history|backups?|notes|contacts|documents?|database|messages|emails|chats|conversations|work|projects?|albums?|videos?|submissions|playlists?|matches|books|purchases|library|progress|saves?|points|credits|balance)`;

const SIGNALS: PrioritySignal[] = [
  {
    id: 'many',
    reason: 'many users affected',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`\ball \d+\b|\bhalf (?:the|of the|my|our) (?:people|office|team|staff|class|building|street)\b|\b(?:all|every|none) of (?:us|our|them|my)|\b\d+ (?:of|out of) (?:the |our |my )?\d{2,}\b|\b(?:my |our )?(?:friends?|neighbou?rs?|colleagues?)(?:'s)? (?:\w+ ){0,2}(?:too|as well|also)\b|\b(?:customers|users|clients|guests|patients|members|buyers|shoppers|visitors) (?:can't|cannot|can not|are unable to|couldn't|could not)\b|\bev(?:e)?ry ?1\b|(?:friends|colleagues|neighbou?rs|others|people)[^.!?]{0,25}\bsame (?:thing|problem|issue|error)|\b(?:half|most|a third|a quarter) of (?:our|the|all|your)\b|\bacross (?:all|every|multiple|several) (?:regions|zones|sites|stores|locations|servers|branches|offices)|\b(?:nobody|no one) (?:here |there )?can\b|\b(?:everyone|everybody)\b|\bevery (?!time\b|day\b|week\b|month\b|morning\b|night\b|hour\b|minute\b|other\b|step\b)(?:single )?(?:[a-z-]+ ){0,2}(?:kiosk|charger|till|terminal|machine|register|printer|scanner|camera|lock|door|school|branch|location|shop|pc|computer|laptop|visitor|shopper|buyer|caller|driver|student|member)s?\b|\bevery (?:single )?(?:renewal|payment|order|transaction|customer|client|patient|guest|user|store|terminal|device|unit|endpoint|request|call|booking|parcel|resident|page|screen)\b|\b(?:none|no one|nobody) (?:of the|of our|on|in) (?:\w+ ){0,2}(?:parcels|orders|packages|customers|clients|residents|users|staff|office|team|street|building|block)|\bzero (?:online )?(?:bookings|orders|sales|payments|transactions|products|items)\b|ringing off the hook|(?:friends|family|colleagues|people) (?:in|on|at|from) other\b|\beverywhere in (?:the|our) (?:city|town|country|region|area)\b|\bgroup of \d+|\b(?:[2-9]|two|three|four|five|six|seven|eight|nine) (?:of (?:our|my) )?(?:stores|shops|branches|locations|restaurants|clinics|pharmacies|sites|offices|warehouses|outlets)\b|\b(?:nobody|no one) (?:at|in) (?:our|the) (?:clinic|office|shop|store|school|company|building|team|practice)|\b(?:whole|entire|one entire|an entire) pallet|\b\d+-(?:flat|unit|home|room|bed|seat)\b|\bnot (?:just|only) (?:me|us|mine)\b|(?:friends?|neighbou?rs?|colleagues?|others) (?:say|said|report|are having|have|get|see) the same|\bour (?:terminals|stores|shops|clinics|locations|devices|units|machines|registers|sites|customers|users|members|subscribers)\b|\bevery other (?:shop|store|user|customer|seller|site|account|member)|\b(?:other|more) (?:people|users|customers|sellers|shops|owners|parents|residents) (?:are|have|report|reporting|seeing|see|with|also|too)|\b(?:two|three|four|five|six|several|many|\d+) other (?:people|users|customers|sellers|shops|owners)|\ball (?:users|customers|our|the users|the staff|stores|staff|employees|devices|units|orders)\b|\bwhole (?:team|company|office|building|street|neighbou?rhood|department|school|class|floor|batch|lot|region|city|family)|\bentire (?:team|company|office|building|street|neighbou?rhood|department|batch|lot|region)|\b(?:company|office|team|site|region|store)-wide\b|${NUM}\s*(?:\+|or more|of (?:our|my|the|your))?\s*(?:[a-z]+(?:'s)? ){0,2}${PEOPLE_EN}\b|\b\d{2,} (?:of them |units )?(?:have |had )?(?:died|failed|broken|stopped working)|\bbatch\b|\b(?:same|one|this|that|whole|entire) lot\b|\blot (?:number|no\.?|#)|` +
        String.raw`全服|全区|整(?:栋|幢|座)(?:楼|大厦)?|全(?:栋|幢|楼|村|镇)|(?:朋友|邻居|同事|别人|其他人|另外)[^。!?]{0,12}(?:也是|都是|也一样|都一样|都系咁|也这样|都这样)|一半[^。!?]{0,12}(?:坏|卡|不|没|有问题|故障)|\d{2,}\s*(?:张|台|部|件|套|箱)[^。!?]{0,20}(?:一半|全部|大部分)|全部(?:电脑|设备|延误|失败|没到|卡住|人|的人|用户|客户|同事|员工|门店|分店|订单|包裹|快递|机器|设备|都一样|都不能|都无法|都打不开|都连不上|都登|都进不去|无法|不能|打不开|连不上|用不了|显示)|所有(?:交易|请求|付款|信箱|邮箱|帐号|账号|电脑|人|的人|用户|客户|同事|员工|门店|分店|分行|订单|包裹|快递|住户|租户|业主|会员|学生|家长|设备|机器|终端|收银|店)|全员|(?:全|成|整个)\s*(?:team|组|队|部门)|好几个(?:朋友|同事|客户|用户|人|家长|住户)|(?:客人|顾客|病患|病人|患者|住户|租户|业主|学生|家长|员工|同事|会员|用户|客户|同业|朋友|邻居|大家|商家|店家|司机|骑手|门店|分店)(?:们)?(?:都|也|陆续|纷纷|全都)|每一?(?:位|个)(?:客人|顾客|客户|用户|病患|住户|会员)|没有一个人|没一个人|一群人|好几(?:个人|位|家|户|个用户|个客户|个同事)|(?:附近|其他|别的)?几家|也有同样(?:的)?(?:状况|情况|问题)|(?:所有|全部)\s*(?:user|users|client|clients|customer|customers|staff)\b|(?:所有|全部)(?:超市|店家|商家|餐厅|药局|药房|学校|医院|诊所)|整个(?:镇|村|乡|县|离岛|岛)|电话(?:被)?打爆|(?:那边|他们)也一样|(?:朋友|同事|家人|邻居|别人)(?:打|试|用)?(?:也|都)一样|也(?:是)?一样的(?:状况|情况|问题)|(?:家|家里|我们)[一二两三四五六七八九\d]+个人|(?<!完)全(?:挂|崩|断|停|瘫|坏)|全体|全公司|全办公室|全校|全班|全都(?!是)|整个(?:公司|部门|办公室|团队|系统|网站|平台|小区|社区|大楼|楼|城市|地区|区|南部|北部|中部|东部|学校|班|门市|店|仓库|工厂|产线|财务部|客服部)|成(?:间|座|栋|个)(?:公司|大厦|大楼|办公室|部门|区|楼|屋苑|商场|学校|医院|诊所|仓库|工厂|酒店|餐厅|屋企)|(?<!贵|你们|您们|你|贵司)(?:公司|学校|医院|诊所|办公室|店里|门市|工厂)(?:的)?(?:企业)?(?:邮箱|内网|网络|wifi|wi-fi|系统|收银|pos)|整批|整栋|整座|整幢|整条|全国|全台|全城|整个园区|成个(?!钟|礼拜|星期|月|上午|下午|晚上|早上|朝早|夜|晚|日|天|包|人|过程)[\u4e00-\u9fff]{1,4}都|(?:全|都)是这样|全部都系咁|全部受影响|(?:一半|大部分|大多数|三成|\d+\s*%)的?(?:请求|用户|订单|客户|交易|超时|失败)|用户(?:都)?(?:登不上|登录不了|用不了|无法)|坐满(?:了)?(?:病人|客人|人|顾客)|排(?:了|起)?长队|排队排到|大排长龙|[2-9两二三四五六七八九几]\s*(?:间|家|个)(?:店|门店|分店|门市|分行|诊所|药局|药房|仓库)|整个(?!钟|礼拜|星期|月|上午|下午|晚上|早上|朝早|夜|晚|日|天|包|人|过程)[\u4e00-\u9fff]{1,4}都|整个(?:大厦|商场|工业区|厂区)|同批|同一批|批号|批次|一批|大家|很多人|好多人|很多用户|很多客户|不少人|多个用户|多位|多台|多家|多户|多名|其他(?:用户|客户|人|同事|车主|家长)(?:也|都)|同事(?:也|都)|(?:人|友|事|家|户|客|们|居|员|生|长)(?:也|全)?都(?:一样|这样|是这样|遇到|有)|${NUM_ZH}\s*(?:多|几|来)?\s*(?:个人|人|位|名|户|家|台|部|间|所|单|笔|个用户|个客户|个门店|家店|家门店|间店|份|套|把|瓶|包|罐|盒|袋|条线|个号码|个学生|个家长|个员工|箱|件|支|张单|张订单|个(?!工作|小时|钟|月|星期|礼拜|多月|多小时|字|号))`,
    ),
  },
  {
    // The service itself is down, not one customer's app or account: a server error
    // page, an expired certificate, a site or API that answers nobody.
    id: 'outage',
    reason: 'system down for everyone',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`\b(?:is|are|went|goes|been|gone|completely|totally|all|site|server|servers|service|system|platform|website|api|portal|dashboard|it's|its|everything)\s+(?:is\s+|are\s+)?down\b|\bdown for (?:everyone|all|hours|the)|\boutage\b|(?<![$¥£€])\b50[2-4]s?\b(?![,.]?\d)|bad gateway|service unavailable|gateway time-?out|\bunreachable\b|(?:certificate|cert)\b.{0,30}expired|expired (?:certificate|cert)|err_cert|not (?:a )?private connection|certificate (?:validation|verification|error)|\bssl\b|\btls\b|status page|\bdns\b|` +
        String.raw`读写(?:都|全)?失败|(?:\d+|两|几|多)个服务受影响|(?:节点|集群|数据库|资料库)[^。!?]{0,20}(?:timeout|超时|逾时|挂|失败)|宕机|挂了|挂掉|瘫痪|崩了|停摆|服务中断|中断服务|停止服务|死咗|瓜咗|\bdown\s*咗|又\s*down\b|(?:凭证|证书)(?:已经|已)?(?:过期|到期)|(?:凭证|证书)(?:验证)?(?:错误|失败)|不是私人连接|(?:网站|官网|网页|服务器|伺服器|server|系统|后台|平台|api)[^。!?]{0,10}(?:都|全|完全)?(?:打不开|进不去|连不上|挂|崩|瘫|无法(?:使用|访问|连接|打开|进入))`,
    ),
  },
  {
    // Nobody answers: the hotline or the chat cannot be reached at all.
    id: 'no-answer',
    reason: 'support cannot be reached',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`\b(?:nobody|no one|noone) (?:answers|picks up|is answering|replies)|rings and rings|can(?:'t|not) get through|can(?:'t|not) reach (?:your |the )?(?:hotline|helpline|support|customer service|anyone|phone line|call cent(?:er|re))|rings? out\b|(?:line|hotline|phone) (?:is )?(?:always |constantly )?(?:busy|engaged|dead)|all agents (?:are )?busy|cut off every time|` +
        String.raw`(?:热线|电话|专线|客服)[^。!?]{0,12}(?:没人接|没人听|冇人听|冇人接|打不通|打不进|打唔通|忙线|自动断线|挂断)|没人接(?:电话|听)|冇人(?:听|接|覆)|不读不回|(?:一直|都是|整天|整个下午|整个早上|一整个下午)(?:都是)?忙线`,
    ),
  },
  {
    id: 'unavailable',
    reason: 'cannot use or reach it',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`(?<![$¥£€])\b500\b(?![,.]?\d)|unable to (?:reach|connect|access|load)|can(?:'t|not|not) (?:reach|connect|access|load|open|log ?in|sign ?in|get (?:in|into|through))|(?:won't|doesn't|does not|will not) (?:load|open|start|connect)|not loading|nothing loads|blank (?:page|screen)|white (?:page|screen)|upstream connect|(?:isn't|is not|not) (?:detected|recogni[sz]ed)|\bbricked\b|broke (?:the |our |my )?(?:site|website|shop|store|app|checkout|integration)|(?:site|website|shop|store) (?:is )?broken|something went wrong|handshake|time(?:d)?[ _]?out|timing out|crash(?:es|ed|ing)? (?:on|at) (?:start|launch|open)|(?:stuck|frozen|freezes|froze|hangs|hanging) (?:at|on) (?:a |the )?(?:loading|splash|boot|the)|spinning|blue screen|\bbsod\b|\blocked out\b|stuck outside|\b(?:is|are|went|gone|shows?|showing|all|stays?|keeps? going) (?:\w+ )?["'“]?offline\b|` +
        String.raw`蓝屏|停水|停电|(?:显示|都|全部|全都|一直)离线|锁在(?:门)?外|进不了(?:家|门|房)|当掉|当机|死机|崩溃|打不开|开不了|进不去|连不上|登录不了|登不上|登入不了|用不了|无法(?:使用|访问|连接|登录|登入|打开|进入|连线|下单|结账|结帐|付款)|白屏|一直(?:转|加载|loading)|打不通|不能用|没法用|没办法用|一开就|一打开就|(?:开|上|登入|登录|入|用|连|打)唔(?:到|通|倒)|连接(?:逾时|超时)|连线(?:逾时|超时)|画面空白|连线失败|连接失败`,
    ),
  },
  {
    id: 'data-loss',
    reason: 'data loss',
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`\b(?:lost|deleted|deleting|wiped|erased|overwr(?:ote|itten)|gone|disappeared|vanished|missing|corrupt(?:ed)?|empty)\b.{0,40}\b${KEPT}\b|\b${KEPT}\b.{0,40}\b(?:lost|deleted|wiped|erased|gone|disappeared|vanished|missing|corrupt(?:ed)?|empty)\b|can(?:'t|not) (?:see|find|open|access) (?:any of )?(?:my|our) ${KEPT}|(?:won't|doesn't|does not|will not) show (?:my |our )?(?:purchased|bought|paid)|data loss|only copy|` +
        String.raw`(?:资料|数据|文件|档案|报告)[^。!?]{0,6}(?:救|找|拿)(?:不|得)?(?:回|返)|(?:资料|照片|相片|相|图片|相册|数据|文件|档案|记录|纪录|备份|笔记|联系人|通讯录|文档|视频|作品|聊天|订单记录|方案|内容|设计档|设计文件|工作|心血|进度|存档|班表).{0,12}(?:全没|都没了|冇咗|冇晒|唔见|被覆盖|覆盖成|损毁|救不回|没了|不见|消失|丢失|丢了|清空|被删|删除了|损坏|找不回|恢复不了|空白|是空的|归零)|(?:变成|变|全是|都是|is|are|now)\s*0\s*(?:kb|bytes?)\b|\b0\s*(?:kb|bytes)\b[^.!?]{0,30}\b(?:after|since)|(?:也|都|全|全部)被覆盖|(?:帐号|账号|角色|存档|进度|等级)[^。!?]{0,8}(?:被删|删掉|不见|没了|归零|重置)|\b(?:progress|account|level|save|history)\b[^.!?]{0,20}\b(?:was |got |has been )?(?:reset to|wiped|deleted|erased)\b|(?:云端|备份|相簿|相册|资料夹|文件夹)[^。!?]{0,4}(?:都)?(?:系|是)?(?:空|清空)(?!间)|覆盖(?:成|为|掉|了)[^。!?]{0,6}(?:旧|之前|以前)|(?:丢失|清空|删光|删掉了|不见了).{0,8}(?:资料|照片|数据|文件|档案|记录)|(?:备份|同步|上传)[^。!?]{0,40}(?:没上去|没有上去|没传上去|没同步到|不在云端)|\b(?:backup|backed up|synced|uploaded)\b[^.!?]{0,60}\b(?:missing|not there|nowhere to be found)\b`,
    ),
  },
  {
    id: 'exposure',
    reason: "someone else's data exposed (privacy breach)",
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`\b(?:cc|cc'd|bcc)\b[^.!?]{0,40}\b(?:all|every|\d+|hundreds)\b|(?:all|\d[\d,]*|hundreds of|thousands of) (?:\w+ )?(?:customer|client|user|member|patient)s?'? (?:email )?(?:addresses|emails|names|details|records|data)\b[^.!?]{0,30}\b(?:cc|visible|shown|exposed|sent|leaked|public)|entire (?:customer|client|user|member|patient) (?:database|list|records|data)|(?:someone|somebody) else's|(?:meant|intended|addressed) for (?:someone|somebody) else\b[^.!?]{0,40}\b(?:name|address|phone|details|data|records?|prescription|statement|invoice)|(?:someone|somebody) else(?:'s)? (?:name|details|order|data|account|invoice|bill|statement|parcel|records?|report)|another (?:customer|person|user|patient|member|family|client)(?:'s)?\b|other (?:\w+'? )?(?:customers|patients|clients|users|members|companies|businesses|accounts)'? (?:invoices|data|details|records|names|addresses|information|files|orders)|(?:showing|shows|see|saw|seeing) other (?:\w+'? )?(?:patients|customers|clients|users|people)|\b(?:data|details|messages|information|records|files|orders|photos|invoices|conversations|emails|addresses|names) (?:of|from|belonging to) (?:other|another|different|random) (?:users?|customers?|people|patients|clients|members|person)|(?:going|sent|goes|emailed|delivered) to (?:the )?wrong (?:person|people|recipient|customer|address|account)|other (?:customers|people|users|patients)'s?|(?:customers|people|users)' (?:data|details|information|names|addresses)|stranger's|(?:someone|somebody)'s (?:\w+ ){0,2}(?:documents?|records?|data|details|files|statements?|invoices?|account|orders?|bills?|results|photos)|instead of (?:mine|my own)|not my (?:data|order|account|details|invoice|name)|(?:data|privacy) (?:breach|leak)|leak(?:ed|ing)? (?:data|information|details|personal)|personal (?:data|information|details) of|shouldn't be (?:seeing|able to see)|for other (?:customers|users|clients|accounts)\b|belongs? to (?:a different|another|someone)|(?:events|appointments|files|orders|invoices|messages|photos) (?:from|of) someone|(?:is|are|was|became|made) public\b|visible to (?:anyone|everyone|strangers|other)|(?:sent|went|delivered|goes|going) to (?:a |another |someone )?(?:stranger|different (?:person|customer|number|address))|anyone can (?:see|view|access|open)|` +
        String.raw`(?:收件人|副本|cc)[^。!?]{0,20}(?:几百|几十|所有|全部|\d{2,})\s*(?:个|位)?(?:客人|客户|用户|会员|人)的?(?:email|邮箱|信箱|电邮)|(?:客户|会员|用户)(?:资料库|数据库|名单)[^。!?]{0,10}(?:外泄|公开|看得到|流出)|人哋(?:嘅|的)|(?:不认识|唔识)(?:的|嘅)人(?:的|嘅)|(?:别人|他人|陌生人|第二个人|另(?:一|外一)(?:个|位|名)?(?:人|客人|客户|用户|病人|病患|会员|乘客|住户|顾客|家长|学生|客))(?:的|嘅)|别人的|他人的|陌生人的|别人家的|其他(?:客户|用户|人|会员|病人|病患|家长)的|不是我的(?:资料|订单|名字|账户|帐户|发票)|个资(?:外泄|泄露|被)|隐私(?:外泄|泄露|被|曝光|问题)|泄露|外泄|泄漏|公开了|所有人都(?:能|可以)(?:看|看到)|任何人都(?:能|可以)|曝光了(?:我的)?(?:资料|信息)|被(?:别人|别的(?:客户|用户|人|公司)|其他人|陌生人)看(?:到|得到|见)|(?:别人|其他人|陌生人)(?:也|还)?(?:能|可以)(?:打开|看|用我的)|不在名单(?:里|上|内)?(?:也|还)?(?:能|可以)|(?:收到|寄到|传到|发到|寄给|发给)(?:了)?(?:一个)?(?:我)?(?:别人|其他人|陌生人|不认识|前公司)|看(?:到|得到|见)(?:了)?(?:别人|其他人|陌生人)|(?:出现|有)(?:了)?(?:我|别人|其他人|陌生人)的(?:名字|姓名|电话|地址|资料|订单|病历|照片)`,
    ),
  },
  {
    id: 'money',
    reason: 'payment failure or money taken wrongly',
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`(?:son|daughter|child|kid)[^.!?]{0,40}\b(?:spent|charged|bought|topped up|top up)|talked into (?:moving|transferring|sending|paying)|new payee|salary bounced|can(?:'t|not) access (?:[£$€¥]|hk\$|nt\$)?[\d,]+|(?:wallet|purse|card|cards) (?:was |were |has been |got )?(?:stolen|lost)|(?:freeze|block|cancel|stop) (?:my |the )?(?:account|card)s?\b|\b(?:three|four|five|ten|\d+) times (?:the |my |our )?(?:normal|usual)|\d+ days overdue|overdue invoices|nobody (?:\w+ ){0,3}approve|money (?:is |was |has )?(?:gone|missing|disappeared|vanished) from|money (?:left|came out of|was taken from|went out of) (?:my|our) (?:account|card|bank)|[$¥£€][\d,]+ (?:gone|missing|lost|vanished)|(?:top-?up|payment|transfer|deposit)[^.!?]{0,30}\b(?:successful|succeeded|went through|completed)\b[^.!?]{0,30}\b(?:but|yet)\b[^.!?]{0,30}\b(?:balance|account|wallet|order)[^.!?]{0,25}\b(?:didn't|did not|not|never|hasn't|has not|unchanged)|(?:points|balance|credits|miles)[^.!?]{0,30}\b(?:became|went to|dropped to|reset to|now (?:shows? |at )?)(?:0|zero)\b|transfers? (?:i|we) (?:never|didn't|did not) (?:make|made|do)|(?:box|parcel|package) (?:had|contained|with) (?:a |an )?(?:brick|rocks?|stones?)\b|(?:transfer|payment|deposit|payout)[^.!?]{0,30}\bnever (?:arrived|reached|came|showed)|(?:didn't|did not|never) authori[sz]e|(?:don't|do not) recogni[sz]e (?:this|the|a|these) (?:charge|transaction|payment)|block (?:my|the) card|charg(?:ed|ing) (?:me|us) (?:a |an )?(?:\w+ )?fee|(?:took|taken|charged|debited) (?:my |the )?(?:\w+ )?payment (?:\w+ ){0,2}early|overdraft|(?:charged|collected|taken|debited|billed) (?:me |us |my (?:card|account) |our (?:card|account) )?(?:twice|double|two times|three times|again|after|for (?:something|an order|a cancel))|double[- ]charged|(?:two|2|three|3|four|4|five|5|duplicate|multiple|several|identical) (?:separate |identical |duplicate )?(?:charges|payments|deductions|debits)|only (?:bought|ordered|paid|purchased) (?:it )?once|(?:took|taken|charged|debited|billed|deducted)[^.!?]{0,40}\b(?:even though|although|after|despite) (?:i|we) (?:had |already )?cancel|charged.{0,40}(?:but|yet|and) (?:no|never|the order|nothing)|(?:payment|payments|checkout|renewal|subscription|transaction)s? (?:failed|fail|failing|declined|keep(?:s)? failing|error|not going through)|(?:card|cards) (?:(?:are|is|were|was|keep|keeps|getting|get|being) )?(?:declined|rejected|failing|fail)|money (?:taken|deducted|gone)|can(?:'t|not) (?:pay|check ?out|complete (?:the )?(?:payment|purchase|checkout))|checkout (?:is )?(?:broken|down|failing)|unauthori[sz]ed (?:charge|payment|transaction)|\bfraud|double (?:\w+ )?charge|charged without|without (?:my )?(?:consent|permission|authori[sz]ation)|auto-?renew(?:al)? (?:failed|failing|didn't)|renewals? (?:bouncing|failing|failed|declined|bounced)|billing spike|unexpected (?:charge|bill)|problem (?:for|with) (?:the )?payment|refund(?:ed)? (?:\w+ ){0,3}(?:to|went to|sent to) (?:the )?(?:wrong|a cancel+ed|an old|someone)|(?:payout|settlement|disbursement)s? (?:\w+ ){0,3}(?:missing|late|short|halved|delayed|not arrived)|cancel(?:l?ed)?.{0,60}(?:still|again|yet) (?:been |being |got |get )?(?:charged|billed|debited)|(?:still|keep) (?:being |getting )?(?:charged|billed)|paid (?:but|and) (?:never|didn't|did not|haven't|have not|no)|(?:payment|charge) went through (?:but|and)|` +
        String.raw`(?:孩子|儿子|女儿|小孩)[^。!?]{0,20}(?:充值|消费|花了|刷了|买了)|(?:钱包|卡)[^。!?]{0,6}(?:被偷|被盗|丢了|遗失|掉了)|停卡|挂失|冻结(?:我的)?(?:账户|帐户|户口|卡)|(?:账户|帐户|户口)[^。!?]{0,6}(?:被)?(?:冻结|关闭|封)|(?:三|四|五|十|几)倍|(?:没|没有)(?:做|作)过的(?:转账|转帐|交易|消费|付款)|不是我(?:做|转|刷|买|付)的|(?:转|刷|汇)(?:出|走)了[^。!?]{0,6}\d|(?:钱|款)?(?:已经)?过咗数|交易(?:逾时|超时)|(?:点数|积分|余额|里程)[^。!?]{0,12}(?:变成|变|归|剩)(?:了)?(?:0|零)|假(?:冒)?客服|安全账户|诈骗|调包|掉包|(?:收到|里面是|里面系|入面系)[^。!?]{0,6}(?:砖头|石头|空盒)|(?:帐户|账户|户口|钱包)(?:里|入面)?的?(?:钱|余额)[^。!?]{0,8}(?:少了|不见|没了)|莫名其妙(?:少了|不见)|(?:持续|继续|照样|还是|仍然|仍)(?:被)?扣(?:款|费|钱)|(?:无法|不能|没办法|没法)收(?:款|钱)|收(?:唔|不)到(?:款|钱)|(?:银行卡|信用卡|卡|钱)(?:也|都|已经)?(?:被)?扣了[^。!?]{0,12}(?:没|未|不见)|(?:充值|储值|付款|转帐|转账|汇款)[^。!?]{0,12}(?:没|未|还没)(?:到|入)(?:账|帐)|钱[^。!?]{0,8}(?:没|没有|还没|未)(?:退|到|收到|入帐|入账|回来|拿回)|退(?:款)?(?:咗)?(?:到|给|去)(?:了)?[^。!?]{0,14}(?:不认识|陌生|别人|其他人|前公司|注销|停用|失效|旧|剪掉)[^。!?]{0,4}(?:卡|帐户|账户|帐号|账号|户口)|余额(?:少了|不见|被扣)|(?:转帐|转账|汇款|提款|提现|缴费)(?:失败|逾时|超时)|重复扣款|扣了两次|扣两次|扣了三次|重复收费|收了两次|付了两次|扣款失败|支付失败|付款失败|续费失败|续约失败|交易失败|支付异常|钱(?:已经|都|也)?(?:被)?扣(?:了|走)|扣了(?:钱|款)|(?:扣|付)了.{0,20}(?:订单|却|但).{0,12}(?:未支付|没有|没成立|不见|失败)|盗刷|被刷|乱扣|(?:扣|收|付|刷)(?:了|咗)?(?:我)?(?:两|二|2)次|(?<!第)(?:两|二|2)次(?:扣|收|付)|重复(?:扣|收|付|刷)|分期.{0,8}(?:改成|变成).{0,6}(?:一次|全额)|付款(?:后|之后|成功).{0,12}(?:订单)?(?:不存在|消失|没有|不见)|付不了|无法付款|不能付款|莫名(?:其妙)?扣|未经(?:同意|授权)(?:扣|收)|退订.{0,10}(?:还|仍)(?:在)?扣|(?:取消|注销|退订|退了|解约)[^。!?]{0,40}(?:还是|仍然|又|还|照)(?:被)?(?:扣|收|刷)|照扣|仲扣|退(?:款)?(?:给|到)(?:了)?(?:陌生人|别人|另一个人|其他人)|退款(?:账号|帐号|账户|帐户)是(?:另一个人|别人)|(?:拨款|结算款?|货款|款项).{0,12}(?:少了|没到|未到|还没到|延迟|一半)|重复请款|请款(?:了)?(?:两|二|2)次|negative balance|(?:being|been|get|got|are|were|was|is) declined|(?:还是|又|仍然)被扣了|余额.{0,10}(?:变成|只剩|归)(?:了)?(?:0|零)|余额(?:都)?没了|(?:刷卡|付款|交易|授权|结账|结帐)[^。!?]{0,12}(?:被拒|失败|拒绝)|授权失败|扣了(?:两|二|2|三|3|好几|几)笔|(?:付款|刷卡|扣款|支付|储值|充值)成功.{0,20}(?:没有|没收到|是\s*(?:0|零)|没到|未到|不见|没显示|未付款|待付款|未支付|已取消|被取消)|(?:付款|刷卡|支付|支付了|付了钱|钱付了).{0,10}(?:付|刷|扣)不(?:了|到|出去)`,
    ),
  },
  {
    // Charged more than was due: one customer's billing error is not urgent, the same
    // on thirty lines of a company is; the model weighs it with the rest.
    id: 'overcharge',
    reason: 'charged more than due',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`overcharg|extra charges?|(?:billed|charged) (?:us |me )?(?:for )?[^.!?]{0,40}\b(?:we|i|nobody|no one) (?:never|didn't|did not|travelled|traveled|used)|(?:wrong|incorrect) (?:amount|charge|bill|invoice)|` +
        String.raw`(?<!没|不|不会)多收|多扣|收多了|乱收|(?:金额|费用|帐单|账单)[^。!?]{0,6}(?:不对|有误|错误|算错)`,
    ),
  },
  {
    id: 'safety',
    reason: 'safety hazard',
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`\b(?:nearly|almost) (?:\w+ ){0,2}(?:into|off|over|through)\b|\b(?:ran|run|running) over\b|\bgave way\b|\bcollapsed (?:under|while|on|with)|fell (?:partly |right |straight )?through|\bbruised\b|size of a (?:pea|coin|marble)|choking (?:hazard|risk)|\bsmall parts\b|\bwarp(?:ed|ing)\b|\b(?:a|the|safety|product|voluntary) recall\b|\brecalled\b|medical (?:alert|device)|\b(?:nearly|almost) (?:went|ran|crashed|hit|fell|got hit|drowned|choked|electrocuted|caught fire)\b|(?:water|leak\w*|drip\w*)[^.!?]{0,40}\b(?:electrical|electric|socket|outlet|plug|contacts|wiring)\b|(?:flak\w+|peel\w+|chipp\w+|bits|pieces)[^.!?]{0,40}\binto (?:the |my |our )?(?:food|rice|drink|meal|soup)|safe to (?:eat|drink)|\bbed ?bugs?\b|\bbitten\b|(?:unlocked|opened|unlocks|opens) (?:by )?itself|pacemaker|oxygen (?:concentrator|machine|supply)|defibrillator|ventilator|\bi fell\b|brakes?\b[^.!?]{0,25}\b(?:failed|didn't work|stopped working)|\bvomit|\bdiarrh|food poisoning|(?:got|fell|became|been|were|was) (?:violently |really |very )?(?:sick|ill) (?:after|from)|\bover ?heat(?:s|ed|ing)? (?:to|and|until) (?:the point|smok|melt|burn)|(?:car seat|child seat|booster seat|helmet|seat ?belt|harness|smoke (?:alarm|detector)|airbag|life ?jacket)s?\b[^.!?]{0,30}\b(?:snapped|cracked|broke|split|failed|came (?:off|apart|undone)|didn't (?:work|go off|deploy))|\btoxic|\bpoison|\bfractur|\bslipp(?:ed|ing) on|broke (?:her|his|my|a) (?:arm|wrist|leg|ankle|hip)|(?:bits?|pieces?|flakes?|shards?|fragments?|chunks?) of (?:plastic|glass|metal|wire)|(?:chipped|broke|cracked) (?:a|his|her|my|their) (?:tooth|teeth)|\bsmok(?:e|ed|ing)\b|\bfire\b|\bscorch(?:ed|ing)?\b|threw me|thrown off|\bfell (?:on|off|down)|\bhurt (?:me|my|him|her)|opened by itself|\bflames?\b|\bburn(?:t|ed|ing|s)?\b|\bspark(?:s|ed|ing)?\b|too hot to (?:touch|hold)|\brash\b|expired (?:medicine|medication|food|formula|baby food)|allergic|allergy|\bfatal\b|\bhospital|\bmedication\b|\bdoses?\b|afraid to (?:use|leave)|\bstitches\b|\bcut my (?:hand|finger|arm|forearm|leg|face|mouth|lip)|couldn't (?:even )?touch it|(?:red|burn) marks?|burning smell|smell of burning|electric(?:al)? shock|\bshocked\b|\bmelt(?:ed|ing|s)?\b|explo(?:de|ded|sion)|(?:swollen|swelling|bulging|puffed|expanding) (?:up )?(?:battery|batteries)|batter(?:y|ies).{0,40}(?:swell|swollen|bulg|puff)|\bhazard|\bdangerous\b|\binjur(?:y|ed|ies)|\bchoking\b|brakes? (?:fail|failed|didn't|did not|don't)|scald|overheat(?:s|ed|ing)? .{0,20}(?:too hot to|burn)|\bcarbon monoxide\b|gas leak|smell(?:s|ed)? (?:of )?gas|gas smell|sharp edges?|choking hazard|swallow|` +
        String.raw`(?:被|给)?割(?:了|到|破)|碾(?:过|到|伤)|召回|变形[^。!?]{0,6}(?:烫|热)|(?:烫|热)[^。!?]{0,10}变形|心律|差(?:点|啲|一点)(?:就)?[^。!?]{0,10}(?:摔|撞|跌|出事|受伤|被车|触电|着火|烧)|(?:整个人|成个人)[^。!?]{0,6}(?:摔|跌|倒)|(?:滴|漏|渗)[^。!?]{0,10}(?:插座|插头|电线|电源|电箱)|烧黑|(?:剥落|掉落|碎片)[^。!?]{0,20}(?:饭|食物|菜|汤|吃)|(?:会不会|是否|有没有|已经)(?:被)?吃(?:下|进)(?:去|肚)|(?:俾|被)(?:蚊|虫)?咬|(?:唔敢|不敢)(?:俾|给|让)[^。!?]{0,6}(?:仔|女|孩子|小朋友|小孩|儿子|女儿|阿嬷|老人|宝宝)|自己(?:解锁|开锁|开门|打开)|自动(?:解锁|开锁)|氧气机|制氧机|呼吸器|呕吐|上吐下泻|拉肚子|腹泻|肚(?:子)?痛|肚屙|屙呕|发烧|熔(?:咗|掉|了|化|开)|㶶|冒(?:白|黑|青)烟|跳(?:晒)?掣|(?:电池|电芯)[^。!?]{0,6}(?:胀|肿|爆开|爆咗)|烫得不敢|不敢(?:碰|摸|拿)|[摔跌撞割夹]伤|(?:安全帽|头盔|安全座椅|安全带|烟雾警报器?|烟雾侦测器)[^。!?]{0,10}(?:裂|断|坏|失灵|松脱|没响|不响)|崩牙|(?:牙齿|牙)(?:断|崩|裂)|骨折|滑倒|跌倒|摔倒|受困|被困|困在|冒烟|起火|着火|失火|火灾|烧焦|烧起来|烧化|烧坏|焦黑|火花|触电|漏电|(?<![满充没有])电到|被电|烫伤|灼伤|融化|熔化|爆炸|炸了|鼓包|膨胀|危险|受伤|割伤|刹车.{0,4}(?:失灵|不灵|没反应)|煞车.{0,4}(?:失灵|不灵)|停不下来|有毒|中毒|噎|漏气|瓦斯|煤气味|燃气味|一氧化碳|发烫变形|烫到变形|烧穿|断裂|尖锐|割手|夹伤|夹到手|脱落.{0,6}(?:吞|误食)|误食|吞下|焦味|烧焦|过期(?:的)?(?:药|药品|食品|奶粉|罐头)|(?:药|药品|食品|奶粉).{0,8}过期|过敏|起疹|红疹|送医|急诊|住院|吃药|服药|不敢(?:再)?(?:用|使用|充电)|烫到|焦痕|烫红|缝了|缝[一二三四五六七八九十\d]+针|(?:碎)?玻璃(?:碎片|渣|碎)?.{0,12}(?:吃|食|嘴|饭|菜|喝|吐)|(?:吃|食|喝|嘴|吐)[^。!?]{0,20}玻璃|(?:入|进|喺)(?:咗|了)?医院|吃出|异物|glass (?:in|inside) (?:the |my )?(?:food|meal|drink)|foreign (?:object|body)|焦黄|焦掉|烫手|要命|吃进(?:肚|嘴)|掉(?:到|进)(?:食物|饭|菜)|爆㗎|会爆`,
    ),
  },
  {
    id: 'security',
    reason: 'security risk',
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`(?:see|sees|track|tracking|knows?) (?:my|where) (?:\w+ ){0,3}(?:location|is parked|i am|i live)|real[- ]time location|(?:entered|inside|in) (?:my|our) (?:flat|home|house|apartment|room|unit) without|never (?:created|made|added|issued) (?:a|any) (?:guest )?(?:key|code|user)|(?:old|previous|former) (?:tenants?|owners?|partner)[^.!?]{0,80}\b(?:still|can)\b|\bunknown (?:user|device|login)|identity (?:theft|was used|was stolen|fraud)|(?:opened|open|created) an account (?:in my name|with my (?:name|details|identity))|\bdefaced\b|ransom note|\bhack(?:ed|er|ers)?\b|unauthori[sz]ed (?:access|login|log-in)|(?:someone|somebody|stranger) (?:logged|signed|got) in|logged in from (?:another|a different|an unknown)|changed my (?:email|password|phone)|account (?:taken over|compromised|stolen)|\bphishing\b|\bbreach\b|\bmalware\b|plain ?text (?:password|email)|password (?:sent|emailed|in plain)|old password (?:still )?works|strange voice|\bstranger\b[^.!?]{0,20}\b(?:talk|speak|spoke|talked|watch|watched|see|saw|access|accessed|control)|someone (?:talking|speaking) (?:through|on|from)|` +
        String.raw`(?:即时|实时)(?:位置|定位)|(?:看到|看得到|知道)我的?(?:位置|行踪)|擅自(?:进入|开门|入屋|入内)|未经(?:同意|许可)[^。!?]{0,4}(?:进入|入内|入屋)|冒用我的|未知(?:使用者|用户|设备|装置)|(?:外地|国外)登(?:录|入)|盗用(?:我的)?(?:身份|名字|名义|资料)|以我的名义|被骇|骇客|盗号|被盗|被黑|黑客|入侵|异地登录|异常登录|陌生(?:设备|装置)登录|被人登录|被改了(?:密码|邮箱|手机)|(?:密码|邮箱|手机号).{0,6}被(?:人)?改|被(?:人)?改(?:了|咗)?(?:密码|邮箱|手机号)|钓鱼|木马|明码|明文|勒索|ransom|encrypted (?:all )?(?:my |our )?files|\.locked\b|踢(?:不|没)(?:它|他)?下线|(?:别人|其他人|陌生人|那台电脑)(?:还)?(?:在|能|可以)用我的(?:账号|帐号)|旧密码.{0,6}(?:还|仍|居然|竟然).{0,4}(?:可以|能)|陌生(?:人|的)?(?:声音|说话)`,
    ),
  },
  {
    id: 'legal',
    reason: 'legal threat',
    urgentAlone: true,
    pattern: new RegExp(
      String.raw`\bproceedings\b|letter of claim|legal advice|\bico\b|infring|\bcopyright\b|\btrademark\b|\binsurers?\b|\blawyers?\b|\battorneys?\b|\bsolicitors?\b|\bcourt\b|\bsue\b|\bsuing\b|small claims|legal action|\blawsuit|\bregulator|\bombudsman|consumer (?:protection|affairs|council|rights)|trading standards|\bftc\b|\baccc\b|\bcfpb\b|\bfca\b|attorney general|lodged (?:a )?complaint|(?:filed|file|filing) (?:a )?(?:complaint|report) with|\bbbb\b|\bchargeback\b|report (?:you|this) to|\bauthorities\b|\billegal\b|\bfined\b|\bpenalt(?:y|ies)\b|law firm|class action|letter before action|(?:commence|start|begin|issue) proceedings|joint claim|\bunlawful\b|against the law|` +
        String.raw`侵权|著作权|版权|通信管理局|法律追诉|追诉|损害赔偿|支付命令|律师|法院|起诉|告你们|诉讼|法律(?:途径|责任|行动|程序)|消协|消保|消费者(?:协会|保护|文教基金会)|消基会|12315|工商(?:局)?|市场监管|监管(?:部门|机构)|主管机关|公平会|报警|检举|仲裁|投诉到|申诉到|申诉书|消费争议|教育局|卫生局|法务|违法|不合法|犯法|被罚|罚款|依法|提告|告上|金管会|评议中心|陈情|存证信函|消委会|消保官`,
    ),
  },
  {
    // Personal data handed to the wrong hands as the customer tells it (an ID card
    // photographed, a card number read out, medical records sent to a stranger). A
    // request about one's own data (delete it, what do you keep) is a question, not a risk.
    id: 'personal-data',
    reason: 'personal data at stake',
    urgentAlone: true,
    pattern: {
      exec: (normalized) => {
        const hit = personalDataAtStake(normalized);
        return hit && hit.kind !== PERSONAL_DATA_REQUEST ? [hit.matched] : null;
      },
    },
  },
  {
    id: 'public',
    reason: 'threat to go public',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`social media|\btwitter\b|\btiktok\b|\bfacebook\b|\binstagram\b|\breddit\b|\byoutube\b|post (?:this|it|about)|going public|the (?:press|media|news)|\bjournalist|\breporters?\b|one-star|1-star|\bviral\b|news (?:station|channel|outlet|segment|programme|program)|local news|consumer (?:help|show|programme|program|segment|watchdog)|` +
        String.raw`媒体|曝光|记者|发到网上|网上公开|微博|抖音|小红书|脸书|\bptt\b|dcard|爆料|公审|上新闻|发帖|差评`,
    ),
  },
  {
    id: 'work-stopped',
    reason: 'work stopped',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`can(?:'t|not) work|unable to work|(?:work|business|production|operations?|sales|pipeline|fulfil?ment|warehouse|shipping|dispatch) (?:has |have |is |are )?(?:stopped|halted|blocked|at a standstill)|nothing to (?:serve|sell|ship)|losing (?:money|sales|customers|business)|\bdeadline\b|production line|(?:busiest|launch) day|(?:account|store|shop|listing)s? (?:was |were |has been |have been )?(?:suspended|delisted|taken down)|(?:we've|we have|had to) (?:closed|close|shut)|closed for (?:\w+ )?days|can(?:'t|not) (?:trade|get stock|sell|open (?:the|our) (?:shop|store|restaurant))|\bpayroll\b|\b(?:can't|cannot|unable to|won't let us|can not) (?:dispense|serve (?:our )?(?:customers|patients|guests)|take (?:any )?(?:orders|bookings|payments)|process (?:any )?(?:orders|payments|claims)|ship (?:any )?orders)|` +
        String.raw`没(?:有)?东西(?:可以)?(?:卖|出)|(?:工作|业务|营运|营业|派单|出货|出车|排班)[^。!?]{0,4}(?:全乱|乱了|卡住|停摆|停顿|中断)|无法工作|没办法工作|没法工作|不能工作|影响工作|太影响|停工|停产|生意(?:没法|没办法|不能)做|几百万|上百万|上千万|被下架|被停权|停权|停止营业|停业|暂停营业|不能卖|没法卖|无法营业|产线|停线|耽误.{0,6}(?:工作|生意|出货)|生意.{0,4}(?:做不了|受影响|损失)|损失|交不了|要交|截止`,
    ),
  },
  {
    id: 'fed-up',
    reason: 'customer fed up',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`fed up|had enough|escalat(?:e|ed|ing) (?:this )?to (?:your )?(?:ceo|management|head office|director)|last (?:chance|time i|warning)|final (?:notice|warning)|unacceptable|furious|outrage|disgrace|absolutely ridiculous|never (?:again|buy)|cancel (?:everything|my account|all)|\b(?:to|for|email|writing to) (?:the|your) ceo\b|` +
        String.raw`受够|忍无可忍|太过分|过分了|欺人太甚|气死|愤怒|火大|不能接受|无法接受|最后一次|再也不|绝不再|岂有此理|什么态度|退货退款|全部退`,
    ),
  },
  {
    id: 'child',
    reason: 'a child or a vulnerable person involved',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`\b(?:baby|babies|infant|toddler|child|children|kid|kids|newborn|elderly|pregnant|my (?:son|daughter)|wheelchair|housebound|disabled)\b|轮椅|行动不便|婴儿|婴幼儿|儿童|小孩|孩子|宝宝|幼儿|新生儿|老人|长辈|孕妇|女儿|儿子`,
    ),
  },
  {
    // The writer speaks of themselves only: one customer's trouble, unless other signals say more.
    id: 'self',
    reason: 'one customer affected',
    urgentAlone: false,
    pattern: new RegExp(
      String.raw`\bi (?:can(?:'t|not)|am unable to|couldn't|could not) (?:log ?in|sign ?in|open|access|connect|load|get in)\b|(?<!not )\bonly (?:me|mine|my (?:account|device|phone|order))\b|\bjust (?:me|mine|my account)\b|(?:colleague|wife|husband|partner|friend|family|others?|everyone else)(?:'s|s')? (?:account |accounts |phone |phones |device |devices )?(?:works?|is fine|are fine|can log ?in|has no problem|have no problem|work(?:s|ing)? (?:fine|normally))|` +
        String.raw`我(?:一直|都|还是)?(?:登录|登入|打开|连接)(?:不了|不上)|(?<!不是|不只|唔系|不止|唔止)只有我|就我(?:一个|的)|淨系我|净系我|(?:别人|其他人|同事|家人|朋友|屋企人|其他同事|同事们|别的)(?:的)?(?:账号|帐号|账户|帐户|户口|手机|电脑)?(?:都|用|好像)?(?:可以正常|正常|没事|没问题|冇问题|可以用|可以登|登得进)`,
    ),
  },
  {
    id: 'urgent',
    reason: 'asks for urgent help',
    urgentAlone: false,
    pattern: new RegExp(String.raw`(?<!\bnot |\bnot that |\bnot very |\bnothing |\bno )(?:\burgent|\bemergency\b)|\basap\b|\bimmediately\b|right now|\bnow!|(?<!不|不太|不是很|不用|无须|无需)紧急|十万火急|急!|急！|马上|立刻|立即|尽快|赶快|火速`),
  },
];

export interface SignalHit {
  signal: PrioritySignal;
  /** The text that matched, for the timeline. */
  matched: string;
}

export function prioritySignals(normalized: string): SignalHit[] {
  const hits: SignalHit[] = [];
  for (const signal of SIGNALS) {
    const m = signal.pattern.exec(normalized);
    if (m) hits.push({ signal, matched: m[0].trim() });
  }
  return hits;
}
