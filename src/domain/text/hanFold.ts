// Traditional -> Simplified folding for the characters customers' complaints use most.
// Classification and keyword rules work on the folded text, so one keyword list and
// one learned model cover both scripts, and 「閃退」 and 「闪退」 count as one word.
// The same pairs tell the two scripts apart when detecting the customer's language.

// Same order in both strings: TRADITIONAL[i] is written SIMPLIFIED[i] in Simplified Chinese.
export const TRADITIONAL =
  '們這個來時會對說為國過還後發經點問題體實現給應該與關開長認車東門聽見萬當無從錢號數種讓電話買賣麼線頁質產際軟網務處價單貨' +
  '換幫閃動啟機戶帳碼錄登記憶統級載傳連斷續錯誤丟資訊據庫雲備檔紀録護證銀鎖盜駭騙詐漏訴訟師權賠償報導銷費設計劃書樣裡裏爛氣' +
  '憤將並於嗎優惠顏紅藍覺學習讀寫遲運遞達區倉領郵裝損擠壓漲減紙螢顯異頻繁變燈熱響聲兩億歲鐘復複雜難願總擾轉團隊勞態員購則規' +
  '條約違離職遠近別謂談請謝歡樂幾類獨雙張輕鬆鬧嚴緊急確紹標準誰惡壞廢垃圾劣騷髒舊鮮齊幣圖鍵盤幕壽灣檢測試驗用戲視頭腦筆籤簽' +
  '沒臉蘋膠誇麥掛構歷曆鐵彈邊緣擊聯絡維預臨覆訂閱匯廠縮稱場貴議錶鏡觸圓滿漢語鏈結賬專業極適進選輸較辦項順須風飛馬髮魚麗齒龍' +
  '係儲兒內冊凍剛創劇勝勢協圍園夢媽寬寶層屬廣強徵慮慣憑戰掃擇擔擬擴攝敗曉歸殘決況濕煩燒爭爾獎環畫療盡監禮積穩節範簡納純細終' +
  '組絕綁練繳罰舉華著蓋藥蟲術衛補製覽觀許診詢詳誠課調論諮識譯貼贈趕跡輯遊遺醫釋針鈕鋪閉間陸陽階隨險隱雖靈頂頓額顧飾驚黃煙災' +
  '卻擋稅閒鄰搶寧夠聞衝刪帶揮撥訪訓評餘歐壯勵濾夾鬱撐鑰';
export const SIMPLIFIED =
  '们这个来时会对说为国过还后发经点问题体实现给应该与关开长认车东门听见万当无从钱号数种让电话买卖么线页质产际软网务处价单货' +
  '换帮闪动启机户账码录登记忆统级载传连断续错误丢资讯据库云备档纪录护证银锁盗骇骗诈漏诉讼师权赔偿报导销费设计划书样里里烂气' +
  '愤将并于吗优惠颜红蓝觉学习读写迟运递达区仓领邮装损挤压涨减纸萤显异频繁变灯热响声两亿岁钟复复杂难愿总扰转团队劳态员购则规' +
  '条约违离职远近别谓谈请谢欢乐几类独双张轻松闹严紧急确绍标准谁恶坏废垃圾劣骚脏旧鲜齐币图键盘幕寿湾检测试验用戏视头脑笔签签' +
  '没脸苹胶夸麦挂构历历铁弹边缘击联络维预临复订阅汇厂缩称场贵议表镜触圆满汉语链结账专业极适进选输较办项顺须风飞马发鱼丽齿龙' +
  '系储儿内册冻刚创剧胜势协围园梦妈宽宝层属广强征虑惯凭战扫择担拟扩摄败晓归残决况湿烦烧争尔奖环画疗尽监礼积稳节范简纳纯细终' +
  '组绝绑练缴罚举华着盖药虫术卫补制览观许诊询详诚课调论咨识译贴赠赶迹辑游遗医释针钮铺闭间陆阳阶随险隐虽灵顶顿额顾饰惊黄烟灾' +
  '却挡税闲邻抢宁够闻冲删带挥拨访训评余欧壮励滤夹郁撑钥';

const FOLD = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) if (TRADITIONAL[i] !== SIMPLIFIED[i]) FOLD.set(TRADITIONAL[i]!, SIMPLIFIED[i]!);

/** Writes the Traditional characters of the table in their Simplified form. */
export function foldHan(text: string): string {
  let out = '';
  for (const ch of text) out += FOLD.get(ch) ?? ch;
  return out;
}

// Characters of the table that are also ordinary words in the other script (表 "table"
// in Traditional, 覆 in 覆盖 in Simplified): they fold, but they do not tell the scripts apart.
const IN_BOTH = new Set('表系里征范制游松余郁后冲著覆');

/** Characters written differently in the two scripts: [only Traditional, only Simplified]. */
export function scriptMarkers(): [Set<string>, Set<string>] {
  const trad = new Set([...FOLD.keys()].filter((c) => !IN_BOTH.has(c)));
  const simp = new Set([...FOLD.values()].filter((c) => !trad.has(c) && !IN_BOTH.has(c)));
  for (const c of simp) trad.delete(c);
  return [trad, simp];
}
