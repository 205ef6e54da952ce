// A normalised copy of the report for matching: traditional → simplified characters, full-width
// digits/letters/signs → ASCII, half-width brackets → full-width. Every character maps to exactly one
// character, so an offset into the copy is an offset into the input.

// Pairs "traditional simplified" for the characters that occur in report vocabulary: cue words,
// units, headings, indicator names. Not a general converter; one character in, one out.
const TRADITIONAL_PAIRS =
  "億亿萬万個个畝亩噸吨長长達达內内實实確确項项處处條条戶户類类與与產产産产總总額额積积設设" +
  "區区縣县鄉乡鎮镇場场廠厂業业農农濟济經经發发變变數数導导質质資资貿贸會会劃划點点預预計计" +
  "標标準准體体務务勞劳動动穩稳進进開开關关歲岁壓压續续擴扩線线綫线邊边網网電电車车輛辆臺台" +
  "檯台颱台間间門门團团園园幣币價价漲涨節节約约環环綠绿氣气優优蓋盖衛卫醫医療疗險险養养學学" +
  "員员職职訓训練练兩两雙双幾几餘余歸归將将爭争爲为為为過过這这來来們们時时後后從从對对應应" +
  "當当態态擬拟現现較较維维護护遠远週周頃顷隻只頭头冊册棟栋塊块盞盏張张級级屆届號号規规佔占" +
  "減减縮缩簽签籤签謀谋創创營营銷销財财稅税濃浓汙污樹树記记調调費费糧粮單单國国顧顾報报審审" +
  "議议帶带廣广東东華华語语話话說说讀读書书寫写機机構构織织組组紀纪結结給给統统絕绝繼继緊紧" +
  "紅红純纯細细終终績绩綱纲緣缘編编緩缓繩绳繪绘繳缴紙纸絲丝錢钱鐵铁銀银鋼钢錄录鏈链鍵键閉闭" +
  "問问閒闲陽阳陰阴陸陆際际隊队隨随隱隐雜杂離离難难霧雾靈灵韓韩頁页頂顶順顺須须領领頻频題题" +
  "顏颜顯显風风飛飞飲饮飯饭館馆驗验騰腾髮发鬥斗魚鱼鳥鸟鳳凤鴨鸭鵝鹅鹽盐麥麦黃黄齊齐齒齿龍龙" +
  "龜龟儀仪償偿儲储兒儿凍冻凈净淨净則则剛刚劇剧劑剂勁劲勝胜勢势勵励勸劝協协卻却厲厉參参吳吴" +
  "啟启啓启喚唤嘗尝嚴严囑嘱圍围圓圆圖图執执堅坚塵尘墾垦壞坏壩坝壯壮壽寿夠够夢梦奪夺奮奋婦妇" +
  "寧宁寬宽寶宝專专尋寻層层屬属島岛峽峡崗岗嶺岭巖岩帥帅師师帳帐幫帮幹干庫库廟庙廢废廳厅彈弹" +
  "強强徑径復复複复徵征慶庆憂忧懷怀戰战戲戏拋抛捨舍掃扫掛挂採采換换據据擁拥擇择擊击擔担擠挤" +
  "擺摆攝摄斂敛斷断於于晉晋暢畅曆历歷历楊杨榮荣槍枪樂乐樞枢樣样樓楼檢检權权歡欢殘残殺杀殼壳" +
  "漢汉決决沒没況况淺浅測测湧涌湯汤溝沟滅灭滬沪滿满漁渔潔洁潛潜潤润濱滨濕湿灣湾災灾烏乌無无" +
  "煙烟熱热燈灯爐炉牆墙狀状獨独獲获獎奖奬奖獻献畫画異异盡尽監监盤盘盧卢眾众衆众礎础礦矿禮礼" +
  "禍祸種种稱称穀谷窮穷競竞筆笔築筑範范簡简籌筹納纳綜综罰罚罷罢羅罗義义習习聖圣聞闻聯联聲声" +
  "聽听肅肃脅胁腦脑腳脚膽胆臨临興兴舉举舊旧艦舰艱艰莊庄葉叶蒼苍蘇苏蟲虫衝冲補补裝装製制襲袭" +
  "視视親亲覺觉觀观訂订認认討讨訪访許许診诊評评詞词試试詳详誠诚該该誤误談谈請请論论諮咨諾诺" +
  "講讲謝谢證证識识讓让讚赞貝贝負负貢贡貧贫貨货販贩責责貴贵貸贷賓宾賞赏賠赔賣卖購购賽赛贈赠" +
  "贏赢趙赵趕赶跡迹躍跃軍军軌轨軟软載载輔辅輕轻輸输轄辖轉转辦办辭辞連连運运遊游違违遞递適适" +
  "遷迁選选遺遗還还邁迈鄰邻釋释針针鈞钧鋪铺錯错鍊炼鍛锻鎖锁鐘钟鍾钟閃闪閘闸閱阅闊阔闖闯陳陈" +
  "階阶雖虽雞鸡雲云靜静響响頒颁頓顿飽饱饋馈馬马駐驻駕驾驅驱鬆松魯鲁鮮鲜鳴鸣麗丽黨党歐欧傳传" +
  "傷伤債债僅仅備备倉仓係系倫伦偉伟偵侦側侧僑侨儉俭兇凶凱凯劉刘劍剑勳勋匯汇彙汇華华壇坛墊垫" +
  "墜坠壘垒奧奥孫孙寵宠岡冈嶄崭巔巅廈厦彌弥彎弯徹彻憑凭憲宪懸悬戀恋擋挡撥拨撫抚攜携敵敌斃毙" +
  "暫暂曉晓曬晒棄弃棧栈楓枫槓杠橋桥檔档櫃柜欄栏歎叹殯殡毀毁氈毡沖冲洩泄溫温滯滞滲渗潰溃澤泽" +
  "濁浊濫滥瀏浏瀕濒灑洒煉炼燒烧燦灿爛烂犧牺猶犹獄狱瑪玛璽玺甕瓮畢毕癒愈皚皑盜盗盪荡睜睁矯矫" +
  "砲炮碩硕磚砖禦御禪禅稟禀穎颖窩窝竊窃筍笋籃篮粵粤糾纠紛纷紡纺紮扎紹绍絡络綁绑綢绸緒绪締缔" +
  "緯纬緻致縫缝繃绷繞绕纖纤纜缆罈坛聳耸腎肾膚肤艙舱莖茎葦苇蔣蒋蔥葱薦荐薩萨藍蓝藝艺藥药蘭兰" +
  "虧亏蠶蚕術术裡里裏里褲裤覽览觸触訊讯託托訴诉詢询誇夸誌志誕诞誼谊諧谐諸诸謊谎謹谨譜谱譯译" +
  "豐丰貫贯貶贬貼贴賀贺賃赁賄贿賦赋賬账賴赖贊赞趨趋蹤踪軸轴輝辉輪轮轟轰辯辩邏逻郵邮鄭郑醞酝" +
  "醬酱釀酿鈔钞鈴铃鉛铅銅铜銳锐鋒锋錦锦鍋锅鏡镜鑑鉴鑒鉴鑽钻閣阁闆板闡阐陣阵隸隶雛雏韌韧韻韵" +
  "頗颇頸颈顆颗顛颠飄飘餅饼饒饶駛驶騎骑騙骗驚惊驟骤髒脏鬧闹鯨鲸鴻鸿鵬鹏鶴鹤麵面黴霉齡龄龐庞" +
  "並并迴回穫获醜丑傢家僱雇嘆叹麼么鬱郁瀋沈捲卷嚮向峯峰覈核糰团礙碍瞭了" +
  "別别愛爱亞亚貳贰參参陸陆衞卫牀床纔才釐厘溼湿箇个" +
  "極极買买鋁铝訟讼懲惩樁桩嬰婴嶼屿灘滩錶表飼饲豬猪蝦虾獵猎兌兑鞏巩銜衔驛驿紐纽輻辐鋰锂氫氢塗涂" +
  "揮挥揚扬註注縱纵贍赡慮虑窯窑籠笼聰聪膠胶蘋苹虛虚詩诗課课譽誉蹟迹輯辑遜逊鉅巨鑄铸闢辟飢饥饑饥";

const PAIR_TABLE: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = c;
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
    table[TRADITIONAL_PAIRS.charCodeAt(i)] = TRADITIONAL_PAIRS.charCodeAt(i + 1);
  }
  // Full-width ASCII forms → ASCII, except the full-width punctuation Chinese text uses as its own
  // (，；：！？（）), which the clause splitter reads as written.
  const keep = new Set(["，", "；", "：", "！", "？", "（", "）"].map((s) => s.charCodeAt(0)));
  for (let c = 0xff01; c <= 0xff5e; c++) if (!keep.has(c)) table[c] = c - 0xfee0;
  table[0x28] = 0xff08; // ( → （
  table[0x29] = 0xff09; // ) → ）
  table[0xfe6a] = 0x25; // ﹪ → %
  table[0x25cb] = 0x3007; // ○ → 〇 (used as zero in 二○二四年)
  table[0x3000] = 0x20; // ideographic space
  table[0xa0] = 0x20;
  for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63]) table[c] = 0x2d; // dashes → "-"
  table[0x301c] = 0x7e; // 〜 → ~
  return table;
}

/** Normalised copy of `text`, same length, one character for one character. */
export function normaliseText(text: string): string {
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = PAIR_TABLE[text.charCodeAt(i)] as number;
  return codesToString(out, n);
}

/** Folds one character (traditional → simplified, full-width → ASCII). */
export function normaliseChar(ch: string): string {
  return String.fromCharCode(PAIR_TABLE[ch.charCodeAt(0)] as number);
}

// ignoreBOM keeps a U+FEFF in the output, so the length never changes
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

/** The string of UTF-16 code units codes[0, length) — lone surrogates included, unchanged. */
export function codesToString(codes: Uint16Array, length: number): string {
  // TextDecoder would replace lone surrogates; fall back to fromCharCode for chunks that hold any
  let anySurrogate = false;
  for (let k = 0; k < length; k++) {
    const c = codes[k] as number;
    if (c >= 0xd800 && c <= 0xdfff) {
      anySurrogate = true;
      break;
    }
  }
  if (!anySurrogate) return UTF16.decode(codes.subarray(0, length));
  const CHUNK = 8192;
  let s = "";
  for (let i = 0; i < length; i += CHUNK) {
    const part = codes.subarray(i, Math.min(length, i + CHUNK));
    let surrogate = false;
    for (let k = 0; k < part.length; k++) {
      const c = part[k] as number;
      if (c >= 0xd800 && c <= 0xdfff) {
        surrogate = true;
        break;
      }
    }
    s += surrogate ? String.fromCharCode.apply(null, Array.from(part)) : UTF16.decode(part);
  }
  return s;
}

/** Exposed for tests: the traditional characters this module folds. */
export function traditionalPairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
    pairs.push([TRADITIONAL_PAIRS.charAt(i), TRADITIONAL_PAIRS.charAt(i + 1)]);
  }
  return pairs;
}
