"""Saved web pages built around real articles: the chrome of a county government site, a newspaper site, a
school site (a table layout whose article sits in a ``<form>``, as the VSB CMS many schools use writes it) and a
news site with ``<article>``. Each template gives the page and the furniture it added (menu entries, crumbs,
related headlines, footer lines): none of it may reach a deck.

Used by ``make_matrix.py`` (the saved pages of the fixture matrix) and ``measure_boilerplate.py`` (the
comparison of boilerplate removers in the README).
"""
from __future__ import annotations

from html import escape

RELATED = ["犍为县召开2024年基层治理工作推进会", "县委常委会传达学习全省组织工作会议精神", "我县开展“法律进乡村”宣传活动"]


def _paragraphs(paragraphs: list[str], indent: str) -> str:
    return "\n".join(f"<p{indent}>{escape(p)}</p>" for p in paragraphs)


def county(title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A county government site of <div>s with pinyin class names, the title with the site's name appended."""
    related = "".join(f'<li><a href="/x/{i}.html">{escape(r)}</a><span>2024-05-0{i}</span></li>'
                      for i, r in enumerate(RELATED, 1))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}_犍为县人民政府</title>
<script src="/js/jquery.min.js"></script><link rel="stylesheet" href="/css/style.css"></head>
<body>
<div class="top"><div class="logo"><img src="/img/logo.png" alt="犍为县人民政府"></div>
<div class="sousuo">站内搜索 <input type="text" value="请输入关键字"></div></div>
<div class="daohang"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zjqw">走进犍为</a></li></ul></div>
<div class="weizhi">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/gzdt">工作动态</a></div>
<div class="con">
<div class="left lanmu"><h3>工作动态</h3><ul><li><a href="/bmdt">部门动态</a></li><li><a href="/xzdt">乡镇动态</a></li></ul></div>
<div class="right">
<div class="bt">{escape(title)}</div>
<div class="xinxi">发布时间：2024-05-12 09:30　来源：县委组织部　浏览次数：1024　【字号：大 中 小】</div>
<div class="zhengwen" id="zoom">
{_paragraphs(paragraphs, ' style="text-indent:2em"')}
</div>
<div class="fenxiang">分享到：微信 微博　【打印本页】【关闭窗口】</div>
<div class="xgwz"><h4>相关文章</h4><ul>{related}</ul></div>
</div></div>
<div class="dibu"><p>主办：犍为县人民政府办公室　承办：犍为县大数据中心</p>
<p>网站标识码：5111230001　蜀ICP备05001234号　川公网安备 51112302000123号</p></div>
</body></html>"""
    return page, ["政务公开", "互动交流", "走进犍为", "工作动态", "部门动态", "乡镇动态", "站内搜索", "县委组织部",
                  "浏览次数", "分享到", "相关文章", *RELATED, "犍为县人民政府", "大数据中心", "蜀ICP备"]


def newspaper(title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A newspaper site: channel bar, crumbs, <h1>, the text in a <div>, editors, related news, hot list."""
    hot = ["以党建引领基层治理现代化", "新时代“枫桥经验”的实践探索", "让群众诉求“件件有回音”"]
    items = "".join(f'<li><a href="/n/{i}.html">{escape(h)}</a></li>' for i, h in enumerate(RELATED + hot))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="GB2312"><title>{escape(title)}--理论-人民网</title>
<meta name="keywords" content="基层治理"></head>
<body>
<div id="rm_topline"><a href="/">人民网首页</a>|<a href="/politics">时政</a>|<a href="/world">国际</a>|<a href="/finance">财经</a>|<a href="/theory">理论</a>|<a href="/dangjian">党建</a>|<a href="/opinion">评论</a></div>
<div class="path"><a href="/">人民网</a>&gt;&gt;<a href="/theory">理论</a>&gt;&gt;<a href="/theory/xuexi">学习园地</a></div>
<div class="col-1 fl">
<h1>{escape(title)}</h1>
<div class="col-1-1">2024年06月15日08:31 | 来源：<a href="/">人民网－理论频道</a></div>
<div class="rm_txt_con">
{_paragraphs(['　　' + p for p in paragraphs], '')}
<div class="edit">(责编：王珂园、程宏毅)</div>
</div>
<div class="headingNews"><h2>相关新闻</h2><ul>{items}</ul></div>
</div>
<div class="col-2 fr"><h2>热点推荐</h2><ol>{''.join(f'<li>{escape(h)}</li>' for h in hot)}</ol></div>
<div class="w1000 wb">人民日报社概况|关于人民网|报社招聘|招聘英才|广告服务|合作加盟|供稿服务|网站声明<br>
人民网版权所有，未经书面授权禁止使用<br>Copyright © 1997-2024 by www.people.com.cn. all rights reserved</div>
</body></html>"""
    return page, ["人民网首页", "学习园地", "理论频道", "责编", "相关新闻", "热点推荐", *RELATED, *hot,
                  "人民日报社概况", "版权所有", "人民网"]


def school(title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A school site from the VSB CMS: tables, a date line, the article inside <form name=_newscontent_fromname>."""
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{escape(title)}--四川省犍为第一中学</title></head>
<body>
<table width="1000" align="center"><tr><td class="top">今天是 <script>document.write(today)</script>2024年6月13日 星期四</td>
<td align="right"><a href="/ggwjj">公共文件夹</a>|<a href="/zhxy">智慧校园</a>|<a href="/xzxx">校长信箱</a>|<a href="/en">English</a></td></tr></table>
<table width="1000" align="center" class="dh"><tr><td><a href="/">学校首页</a></td><td><a href="/xxgk">学校概况</a></td>
<td><a href="/djgz">党建工作</a></td><td><a href="/dytd">德育天地</a></td><td><a href="/jxjy">教学教研</a></td></tr></table>
<table width="1000" align="center"><tr>
<td width="220" valign="top" class="lm"><div class="lmmc">党建工作</div>
<ul><li><a href="/zbdt">支部动态</a></li><li><a href="/llxx">理论学习</a></li><li><a href="/djzl">党纪专栏</a></li></ul></td>
<td valign="top"><div class="wz">当前位置: <a href="/">首页</a>&gt;&gt;<a href="/djgz">党建工作</a>&gt;&gt;<a href="/llxx">理论学习</a></div>
<form name="_newscontent_fromname"><table width="96%" align="center">
<tr><td align="center" class="titlestyle125">{escape(title)}</td></tr>
<tr><td align="center"><span class="timestyle125">2024-06-13 10:22</span>&nbsp;&nbsp;<span class="authorstyle125">党政办</span>&nbsp;&nbsp;点击数：<script>_showDynClicks("wbnews", 1, 2)</script></td></tr>
<tr><td class="contentstyle125"><div id="vsb_content"><div class="v_news_content">
{_paragraphs(paragraphs, ' style="text-indent:2em"')}
</div></div></td></tr>
<tr><td align="right">【<a href="javascript:window.opener=null;window.open('','_self');window.close();">关闭窗口</a>】</td></tr>
</table></form></td></tr></table>
<table width="1000" align="center"><tr><td class="foot">版权所有：四川省犍为第一中学　地址：犍为县玉津镇　蜀ICP备12345678号</td></tr></table>
</body></html>"""
    return page, ["今天是", "公共文件夹", "智慧校园", "校长信箱", "学校首页", "学校概况", "德育天地", "教学教研",
                  "支部动态", "理论学习", "党纪专栏", "当前位置", "党政办", "点击数", "关闭窗口", "犍为第一中学", "玉津镇"]


def news_article(title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A news site that marks its text with <article>, with a share bar and an editor line inside it."""
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}-新华网</title></head>
<body><header><nav><a href="/">首页</a> <a href="/politics">时政</a> <a href="/local">地方</a></nav></header>
<article><h1>{escape(title)}</h1><div class="info">2024-06-15 08:31:00 来源：新华网</div>
{_paragraphs(paragraphs, '')}
<div class="bar">【纠错】 【责任编辑:刘阳】</div></article>
<aside><h2>推荐阅读</h2><ul>{''.join(f'<li><a href="/r{i}">{escape(r)}</a></li>' for i, r in enumerate(RELATED))}</ul></aside>
<footer>Copyright © 2000-2024 XINHUANET.com All Rights Reserved.</footer></body></html>"""
    return page, ["时政", "地方", "新华网", "纠错", "责任编辑", "推荐阅读", *RELATED, "XINHUANET"]


TEMPLATES = {"county": county, "newspaper": newspaper, "school": school, "article": news_article}
